package io.kubling.cli.pki;

import io.kubling.apiserver.allocator.Ipv4Range;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The cluster's certificates under {@code <data-dir>/pki}, laid out as kubeadm lays out
 * /etc/kubernetes/pki: made at first start, reused after, renewable one by one.
 */
public final class ClusterPki {
  static final Duration CA_VALIDITY = Duration.ofDays(3650);
  static final Duration CERT_VALIDITY = Duration.ofDays(365);

  /** An authority: its name in the tables, its file path under pki/ and its subject CN. */
  record Authority(String name, String path, String commonName) {}

  static final Authority CA = new Authority("ca", "ca", "kubernetes");
  static final Authority ETCD_CA = new Authority("etcd-ca", "etcd/ca", "etcd-ca");
  /** The user the ingress controller authenticates as (bound by sec-rbac's defaults). */
  public static final String INGRESS_CONTROLLER_USER = "system:kubling-ingress-controller";

  private final PkiOptions options;
  private final Clock clock;

  public ClusterPki(PkiOptions options) {
    this(options, Clock.systemUTC());
  }

  ClusterPki(PkiOptions options, Clock clock) {
    this.options = options;
    this.clock = clock;
  }

  public Path dir() {
    return options.pkiDir();
  }

  /** The authorities, cluster CA first. */
  static List<Authority> authorities() {
    return List.of(CA, ETCD_CA);
  }

  /** Every certificate kubling issues, for these options. */
  public List<CertSpec> specs() {
    List<CertSpec> specs = new ArrayList<>();
    Set<String> dns = new LinkedHashSet<>(List.of("kubernetes", "kubernetes.default",
        "kubernetes.default.svc", "kubernetes.default.svc.cluster.local", "localhost"));
    Set<String> ips = new LinkedHashSet<>();
    ips.add(Ipv4Range.parse(options.serviceClusterIpRange()).address(0));
    ips.add("127.0.0.1");
    addSans(options.extraSans(), dns, ips);
    specs.add(new CertSpec("apiserver", "apiserver", CA.name(), "kube-apiserver", List.of(),
        List.copyOf(dns), List.copyOf(ips), true, false));
    specs.add(CertSpec.client("apiserver-etcd-client", "apiserver-etcd-client", ETCD_CA.name(),
        "kube-apiserver-etcd-client"));
    Set<String> etcdDns = new LinkedHashSet<>(List.of("localhost"));
    Set<String> etcdIps = new LinkedHashSet<>(List.of("127.0.0.1", "::1"));
    addSans(options.etcdExtraSans(), etcdDns, etcdIps);
    List<String> local = List.copyOf(etcdDns);
    List<String> loopback = List.copyOf(etcdIps);
    // etcd's server and peer certificates also authenticate as clients, as kubeadm's do.
    specs.add(new CertSpec("etcd-server", "etcd/server", ETCD_CA.name(), "kube-etcd",
        List.of(), local, loopback, true, true));
    specs.add(new CertSpec("etcd-peer", "etcd/peer", ETCD_CA.name(), "kube-etcd-peer",
        List.of(), local, loopback, true, true));
    specs.add(CertSpec.client("admin", "admin", CA.name(), "kubernetes-admin",
        "system:masters"));
    specs.add(CertSpec.client("kube-controller-manager", "kube-controller-manager", CA.name(),
        "system:kube-controller-manager"));
    specs.add(CertSpec.client("kube-scheduler", "kube-scheduler", CA.name(),
        "system:kube-scheduler"));
    specs.add(CertSpec.client("ingress-controller", "ingress-controller", CA.name(),
        INGRESS_CONTROLLER_USER));
    for (String node : nodes()) {
      specs.add(nodeSpec(node));
    }
    return specs;
  }

  private static void addSans(List<String> sans, Set<String> dns, Set<String> ips) {
    for (String san : sans) {
      if (san.matches("[0-9.]+") || san.contains(":")) {
        ips.add(Signer.ipLiteral(san));
      } else {
        dns.add(san);
      }
    }
  }

  /** A node's client certificate: CN=system:node:&lt;node&gt;, O=system:nodes. */
  static CertSpec nodeSpec(String node) {
    if (!node.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
      throw new PkiException("invalid node name: " + node);
    }
    return CertSpec.client("node-" + node, "nodes/" + node, CA.name(), "system:node:" + node,
        "system:nodes");
  }

  /**
   * The client certificate of one node, made (signed by the cluster CA) when missing: for a
   * node that joins after the server started. Touches nothing else.
   */
  public CertSpec node(String node) {
    CertSpec spec = nodeSpec(node);
    if (!Files.exists(crt(CA.path()))) {
      throw new PkiException("no cluster CA in " + dir() + "; start kubling server first");
    }
    if (!Files.exists(crt(spec.path()))) {
      KeyPair key = Signer.newKey();
      Pem.writeKey(key(spec.path()), key.getPrivate());
      Pem.writeCertificate(crt(spec.path()), issue(spec, key.getPublic()));
    }
    return spec;
  }

  /** Nodes asked for, then nodes whose certificates exist (so renew and the table see them). */
  private Set<String> nodes() {
    Set<String> nodes = new LinkedHashSet<>(options.nodes());
    Path dir = dir().resolve("nodes");
    if (Files.isDirectory(dir)) {
      try (var files = Files.list(dir)) {
        files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".crt")).sorted()
            .forEach(f -> nodes.add(f.substring(0, f.length() - ".crt".length())));
      } catch (java.io.IOException e) {
        throw new PkiException("cannot list " + dir + ": " + e.getMessage());
      }
    }
    return nodes;
  }

  /**
   * Makes every missing authority and certificate; existing ones are kept as they are.
   * Returns the names of what was made.
   */
  public List<String> generate() {
    return generate(spec -> true);
  }

  /**
   * As {@link #generate()}, for the certificates {@code wanted} picks and the authorities
   * that sign them ({@code kubling apiserver} needs the cluster CA, its serving certificate
   * and the admin's), plus the ServiceAccount key pair.
   */
  public List<String> generate(java.util.function.Predicate<CertSpec> wanted) {
    List<String> made = new ArrayList<>();
    List<CertSpec> specs = specs().stream().filter(wanted).toList();
    for (Authority a : authorities()) {
      boolean needed = specs.stream().anyMatch(s -> s.ca().equals(a.name()));
      if (needed && !Files.exists(crt(a.path()))) {
        KeyPair key = Signer.newKey();
        Pem.writeKey(key(a.path()), key.getPrivate());
        Pem.writeCertificate(crt(a.path()),
            Signer.selfSignedCa(a.commonName(), key, clock.instant(), CA_VALIDITY));
        made.add(a.name());
      }
    }
    for (CertSpec spec : specs) {
      if (!Files.exists(crt(spec.path()))) {
        KeyPair key = Signer.newKey();
        Pem.writeKey(key(spec.path()), key.getPrivate());
        Pem.writeCertificate(crt(spec.path()), issue(spec, key.getPublic()));
        made.add(spec.name());
      } else if (spec.server() && !Signer.covers(Pem.readCertificate(crt(spec.path())), spec)) {
        // A new --bind-address, node address or etcd name: the serving certificate must name
        // it, or clients refuse the server. Re-signed with the same key, as renew does.
        X509Certificate old = Pem.readCertificate(crt(spec.path()));
        Pem.writeCertificate(crt(spec.path()), issue(spec, old.getPublicKey()));
        made.add(spec.name() + " (new SANs)");
      }
    }
    if (ServiceAccountKeys.ensure(dir())) {
      made.add(ServiceAccountKeys.NAME);
    }
    return made;
  }

  /**
   * A client certificate for a user outside the cluster's components (signed by the cluster
   * CA, as {@code kubeadm kubeconfig user} makes one), under pki/users/; an existing one is
   * kept when its groups match. Returns the spec.
   */
  public CertSpec user(String name, List<String> groups) {
    CertSpec spec = userSpec(name, groups);
    if (!Files.exists(crt(CA.path()))) {
      throw new PkiException("no cluster CA in " + dir() + "; run kubling certs generate first");
    }
    if (Files.exists(crt(spec.path()))) {
      X509Certificate old = Pem.readCertificate(crt(spec.path()));
      if (Signer.organizations(old).equals(groups)) {
        return spec;
      }
    }
    KeyPair key = Signer.newKey();
    Pem.writeKey(key(spec.path()), key.getPrivate());
    Pem.writeCertificate(crt(spec.path()), issue(spec, key.getPublic()));
    return spec;
  }

  /** A user's client certificate (CN=name, O=groups) under pki/users/; the name checked. */
  public static CertSpec userSpec(String name, List<String> groups) {
    if (!name.matches("[A-Za-z0-9]([-A-Za-z0-9_.:@]*[A-Za-z0-9])?")) {
      throw new PkiException("invalid user name: " + name);
    }
    return CertSpec.client("user-" + name, "users/" + name.replace(':', '_'), CA.name(), name,
        groups.toArray(String[]::new));
  }

  /** Re-signs one certificate (or "all") with its CA, keeping its key. Returns the names. */
  public List<String> renew(String name) {
    List<CertSpec> chosen = specs().stream()
        .filter(s -> name.equals("all") || s.name().equals(name)).toList();
    if (chosen.isEmpty()) {
      throw new PkiException("unknown certificate: " + name + " (one of: all, "
          + String.join(", ", specs().stream().map(CertSpec::name).toList()) + ")");
    }
    List<String> renewed = new ArrayList<>();
    for (CertSpec spec : chosen) {
      if (!Files.exists(crt(spec.path()))) {
        throw new PkiException(spec.name() + ": " + crt(spec.path())
            + " does not exist; run kubling certs generate first");
      }
      X509Certificate old = Pem.readCertificate(crt(spec.path()));
      CertSpec names = spec.server() ? Signer.withSansOf(old, spec) : spec;
      Pem.writeCertificate(crt(spec.path()), issue(names, old.getPublicKey()));
      renewed.add(spec.name());
    }
    return renewed;
  }

  /** One row of the expiration table. */
  public record Expiration(String name, X509Certificate cert, String authority) {}

  /** The certificates that exist, then the authorities (authority null). */
  public List<Expiration> expirations() {
    List<Expiration> rows = new ArrayList<>();
    for (CertSpec spec : specs()) {
      if (Files.exists(crt(spec.path()))) {
        rows.add(new Expiration(spec.name(), Pem.readCertificate(crt(spec.path())), spec.ca()));
      }
    }
    for (Authority a : authorities()) {
      if (Files.exists(crt(a.path()))) {
        rows.add(new Expiration(a.name(), Pem.readCertificate(crt(a.path())), null));
      }
    }
    return rows;
  }

  private X509Certificate issue(CertSpec spec, java.security.PublicKey publicKey) {
    Authority a = spec.ca().equals(CA.name()) ? CA : ETCD_CA;
    X509Certificate caCert = Pem.readCertificate(crt(a.path()));
    KeyPair caKey = Pem.readKeyPair(key(a.path()), caCert);
    return Signer.leaf(spec, publicKey, caCert, caKey, clock.instant(), CERT_VALIDITY);
  }

  /** The certificate file of a path under pki/, e.g. etcd/server → pki/etcd/server.crt. */
  public Path crt(String path) {
    return dir().resolve(path + ".crt");
  }

  public Path key(String path) {
    return dir().resolve(path + ".key");
  }
}
