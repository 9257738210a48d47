package io.kubling.cli.pki;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code kubling certs check-expiration}'s output, laid out as kubeadm's. Pure. */
public final class ExpirationTable {
  private static final DateTimeFormatter WHEN = DateTimeFormatter
      .ofPattern("MMM dd, yyyy HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private ExpirationTable() {}

  public static String render(List<ClusterPki.Expiration> rows, Instant now) {
    List<String[]> certs = new ArrayList<>();
    certs.add(new String[] {"CERTIFICATE", "EXPIRES", "RESIDUAL TIME", "CERTIFICATE AUTHORITY"});
    List<String[]> cas = new ArrayList<>();
    cas.add(new String[] {"CERTIFICATE AUTHORITY", "EXPIRES", "RESIDUAL TIME"});
    for (ClusterPki.Expiration r : rows) {
      Instant notAfter = r.cert().getNotAfter().toInstant();
      String expires = WHEN.format(notAfter);
      String residual = residual(Duration.between(now, notAfter));
      if (r.authority() == null) {
        cas.add(new String[] {r.name(), expires, residual});
      } else {
        certs.add(new String[] {r.name(), expires, residual, r.authority()});
      }
    }
    return columns(certs) + "\n" + columns(cas);
  }

  /** kubeadm's short human duration: 59s, 59m, 47h, 364d, 9y; past expiry "<invalid>". */
  static String residual(Duration d) {
    long s = d.getSeconds();
    if (s < 0) {
      return "<invalid>";
    }
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return s / 60 + "m";
    }
    if (s < 48 * 3600) {
      return s / 3600 + "h";
    }
    if (s < 2L * 365 * 86400) {
      return s / 86400 + "d";
    }
    return s / (365L * 86400) + "y";
  }

  private static String columns(List<String[]> rows) {
    int[] width = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    StringBuilder b = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        line.append(i == r.length - 1 ? r[i] : String.format("%-" + (width[i] + 3) + "s", r[i]));
      }
      b.append(line.toString().stripTrailing()).append('\n');
    }
    return b.toString();
  }
}
