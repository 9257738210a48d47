package io.kubling.apiserver.authentication;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * --token-auth-file: static bearer tokens, one CSV line each in kube-apiserver's format,
 * {@code token,user,uid,"group1,group2"} (groups optional). Read once at start, as
 * kube-apiserver does.
 */
public final class StaticTokenFile implements TokenAuthenticator {
  private final Map<String, UserInfo> users;

  private StaticTokenFile(Map<String, UserInfo> users) {
    this.users = Map.copyOf(users);
  }

  /** Reads the file; IllegalArgumentException (one line) when it cannot be used. */
  public static StaticTokenFile load(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read token file " + file + ": " + e);
    }
    Map<String, UserInfo> users = new HashMap<>();
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      if (line.isBlank()) {
        continue;
      }
      List<String> record = Csv.parse(line);
      if (record == null) {
        throw new IllegalArgumentException("token file " + file + " line " + (n + 1)
            + ": unbalanced quotes");
      }
      if (record.size() < 3) {
        throw new IllegalArgumentException("token file " + file + " line " + (n + 1)
            + " must have at least 3 columns (token, user name, user uid), found "
            + record.size());
      }
      String token = record.get(0);
      if (token.isEmpty()) {
        throw new IllegalArgumentException("token file " + file + " line " + (n + 1)
            + ": empty token");
      }
      List<String> groups = new ArrayList<>();
      if (record.size() > 3) {
        for (String g : record.get(3).split(",")) {
          if (!g.trim().isEmpty()) {
            groups.add(g.trim());
          }
        }
      }
      // Every authenticated user is in system:authenticated, as Kubernetes' union adds it.
      if (!groups.contains(UserInfo.ALL_AUTHENTICATED)) {
        groups.add(UserInfo.ALL_AUTHENTICATED);
      }
      // A later line with the same token wins, as in kube-apiserver (which warns).
      users.put(token, new UserInfo(record.get(1), record.get(2), groups, Map.of()));
    }
    return new StaticTokenFile(users);
  }

  @Override
  public Optional<UserInfo> authenticate(String token) {
    return Optional.ofNullable(users.get(token));
  }

  /** The few rules of RFC 4180 the token file needs: commas, quotes, doubled quotes. */
  static final class Csv {
    private Csv() {}

    /** The fields of one line; null when a quote is left open. */
    static List<String> parse(String line) {
      List<String> out = new ArrayList<>();
      StringBuilder field = new StringBuilder();
      boolean quoted = false;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (quoted) {
          if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else if (c == '"') {
            quoted = false;
          } else {
            field.append(c);
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == ',') {
          out.add(field.toString().trim());
          field.setLength(0);
        } else {
          field.append(c);
        }
      }
      if (quoted) {
        return null;
      }
      out.add(field.toString().trim());
      return out;
    }
  }
}
