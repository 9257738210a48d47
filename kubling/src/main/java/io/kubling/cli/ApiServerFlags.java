package io.kubling.cli;

import io.kubling.apiserver.ApiServerOptions;
import io.kubling.apiserver.ServingSecurity;
import io.kubling.apiserver.authentication.PemFiles;
import io.kubling.apiserver.authentication.StaticTokenFile;
import io.kubling.apiserver.StorageSecurity;
import io.kubling.apiserver.storage.encryption.EncryptionConfiguration;
import io.kubling.apiserver.allocator.Ipv4Range;
import io.kubling.apiserver.allocator.PortRange;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The API server's flags, shared by {@code kubling server} and {@code kubling apiserver}. */
final class ApiServerFlags {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--bind-address", defaultValue = "127.0.0.1", paramLabel = "<ip>",
      description = "IP address the API server listens on. Env: KUBLING_BIND_ADDRESS.")
  String bindAddress;

  @Option(names = {"--port", "--secure-port"}, defaultValue = "6443", paramLabel = "<port>",
      description = "HTTPS port of the API server (0 picks a free one)."
          + " Env: KUBLING_PORT or KUBLING_SECURE_PORT.")
  int port;

  @Option(names = "--service-cluster-ip-range", defaultValue = "10.96.0.0/12",
      paramLabel = "<cidr>",
      description = "CIDR that Service ClusterIPs come from. Env: KUBLING_SERVICE_CLUSTER_IP_RANGE.")
  String serviceClusterIpRange;

  @Option(names = "--service-node-port-range", defaultValue = "30000-32767",
      paramLabel = "<first-last>",
      description = "Ports that NodePorts come from. Env: KUBLING_SERVICE_NODE_PORT_RANGE.")
  String serviceNodePortRange;

  @Option(names = "--etcd-compaction-interval", defaultValue = "5m", paramLabel = "<duration>",
      description = "How often etcd's old revisions are compacted, e.g. 5m, 30s; 0 never."
          + " Env: KUBLING_ETCD_COMPACTION_INTERVAL.")
  String etcdCompactionInterval;

  @Option(names = "--encryption-provider-config", paramLabel = "<file>",
      description = "EncryptionConfiguration file: encrypt the resources it names (e.g."
          + " secrets) in etcd with aesgcm or aescbc. Off if unset."
          + " Env: KUBLING_ENCRYPTION_PROVIDER_CONFIG.")
  java.nio.file.Path encryptionProviderConfig;

  @Option(names = "--etcd-cafile", paramLabel = "<file>",
      description = "CA that signed etcd's serving certificate (etcd over https)."
          + " Env: KUBLING_ETCD_CAFILE.")
  java.nio.file.Path etcdCaFile;

  @Option(names = "--etcd-certfile", paramLabel = "<file>",
      description = "Client certificate the API server shows etcd. Env: KUBLING_ETCD_CERTFILE.")
  java.nio.file.Path etcdCertFile;

  @Option(names = "--etcd-keyfile", paramLabel = "<file>",
      description = "Key of --etcd-certfile. Env: KUBLING_ETCD_KEYFILE.")
  java.nio.file.Path etcdKeyFile;

  @Option(names = "--tls-cert-file", paramLabel = "<file>",
      description = "Serving certificate (PEM); with it the API server speaks HTTPS only,"
          + " HTTP/2 and HTTP/1.1. Env: KUBLING_TLS_CERT_FILE.")
  Path tlsCertFile;

  @Option(names = "--tls-private-key-file", paramLabel = "<file>",
      description = "Key of --tls-cert-file (PEM). Env: KUBLING_TLS_PRIVATE_KEY_FILE.")
  Path tlsPrivateKeyFile;

  @Option(names = "--client-ca-file", paramLabel = "<file>",
      description = "CA bundle: client certificates it signed authenticate as their CN (user)"
          + " and O (groups). Env: KUBLING_CLIENT_CA_FILE.")
  Path clientCaFile;

  @Option(names = "--token-auth-file", paramLabel = "<file>",
      description = "Static bearer tokens, CSV lines token,user,uid,\"group1,group2\"."
          + " Env: KUBLING_TOKEN_AUTH_FILE.")
  Path tokenAuthFile;

  @Option(names = "--service-account-key-file", paramLabel = "<file>",
      description = "PEM public (or PKCS#8 private) RSA keys that verify ServiceAccount tokens;"
          + " repeatable. Defaults to --service-account-signing-key-file."
          + " Env: KUBLING_SERVICE_ACCOUNT_KEY_FILE (one file).")
  List<Path> serviceAccountKeyFiles = new ArrayList<>();

  @Option(names = "--service-account-signing-key-file", paramLabel = "<file>",
      description = "PKCS#8 RSA private key that signs ServiceAccount tokens (TokenRequest)."
          + " Env: KUBLING_SERVICE_ACCOUNT_SIGNING_KEY_FILE.")
  Path serviceAccountSigningKeyFile;

  @Option(names = "--service-account-issuer", paramLabel = "<issuer>",
      defaultValue = ServingSecurity.DEFAULT_ISSUER,
      description = "The iss claim of ServiceAccount tokens, and the audience they must carry."
          + " Env: KUBLING_SERVICE_ACCOUNT_ISSUER.")
  String serviceAccountIssuer;

  @Option(names = "--authorization-mode", split = ",", paramLabel = "<mode>",
      description = "Authorizers, in order: AlwaysAllow, Node, RBAC. Default: Node,RBAC once"
          + " any authentication is configured (TLS files or a token file), else AlwaysAllow"
          + " (no one can be told apart). Env: KUBLING_AUTHORIZATION_MODE.")
  List<String> authorizationModes;

  @Option(names = "--anonymous-auth", arity = "0..1", fallbackValue = "true",
      defaultValue = "true", paramLabel = "<bool>",
      description = "Requests without credentials are system:anonymous (RBAC lets them reach"
          + " only /healthz, /livez, /readyz, /version); false: 401."
          + " Env: KUBLING_ANONYMOUS_AUTH.")
  boolean anonymousAuth;

  static final List<String> AUTHORIZATION_MODES = List.of("AlwaysAllow", "Node", "RBAC");
  static final List<String> DEFAULT_AUTHORIZATION_MODES = List.of("Node", "RBAC");

  /** Kubernetes-style durations: 0, 90s, 5m, 1h. */
  static java.time.Duration parseDuration(String s) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)?").matcher(s);
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration (e.g. 30s, 5m)");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return switch (unit) {
      case "ms" -> java.time.Duration.ofMillis(n);
      case "m" -> java.time.Duration.ofMinutes(n);
      case "h" -> java.time.Duration.ofHours(n);
      default -> java.time.Duration.ofSeconds(n);
    };
  }

  /** Checks the values picocli cannot check by type; a bad one is a usage error (exit 2). */
  void validate() {
    if (!isIpLiteral(bindAddress)) {
      throw invalid("--bind-address", bindAddress, "not an IP address");
    }
    if (port < 0 || port > 65535) {
      throw invalid("--port", String.valueOf(port), "not a port number");
    }
    try {
      Ipv4Range.parse(serviceClusterIpRange);
    } catch (IllegalArgumentException e) {
      throw invalid("--service-cluster-ip-range", serviceClusterIpRange, e.getMessage());
    }
    try {
      parseDuration(etcdCompactionInterval);
    } catch (IllegalArgumentException e) {
      throw invalid("--etcd-compaction-interval", etcdCompactionInterval, e.getMessage());
    }
    if ((etcdCertFile == null) != (etcdKeyFile == null)) {
      throw invalid(etcdCertFile == null ? "--etcd-keyfile" : "--etcd-certfile",
          String.valueOf(etcdCertFile == null ? etcdKeyFile : etcdCertFile),
          "--etcd-certfile and --etcd-keyfile go together");
    }
    String[] names = {"--etcd-cafile", "--etcd-certfile", "--etcd-keyfile"};
    java.nio.file.Path[] files = {etcdCaFile, etcdCertFile, etcdKeyFile};
    for (int i = 0; i < files.length; i++) {
      if (files[i] != null && !java.nio.file.Files.isReadable(files[i])) {
        throw invalid(names[i], files[i].toString(), "not a readable file");
      }
    }
    if (encryptionProviderConfig != null) {
      try {
        EncryptionConfiguration.load(encryptionProviderConfig);
      } catch (IllegalArgumentException e) {
        throw invalid("--encryption-provider-config", encryptionProviderConfig.toString(),
            e.getMessage());
      }
    }
    try {
      PortRange.parse(serviceNodePortRange);
    } catch (IllegalArgumentException e) {
      throw invalid("--service-node-port-range", serviceNodePortRange, e.getMessage());
    }
    validateServingSecurity();
  }

  /** The authentication and authorization flags, each checked by reading what it names. */
  private void validateServingSecurity() {
    if ((tlsCertFile == null) != (tlsPrivateKeyFile == null)) {
      throw invalid(tlsCertFile == null ? "--tls-private-key-file" : "--tls-cert-file",
          String.valueOf(tlsCertFile == null ? tlsPrivateKeyFile : tlsCertFile),
          "--tls-cert-file and --tls-private-key-file go together");
    }
    readable("--tls-cert-file", tlsCertFile);
    readable("--tls-private-key-file", tlsPrivateKeyFile);
    readable("--service-account-signing-key-file", serviceAccountSigningKeyFile);
    check("--client-ca-file", clientCaFile, PemFiles::certificates);
    check("--token-auth-file", tokenAuthFile, StaticTokenFile::load);
    for (Path key : serviceAccountKeyFiles) {
      check("--service-account-key-file", key, PemFiles::rsaPublicKeys);
    }
    check("--service-account-signing-key-file", serviceAccountSigningKeyFile,
        PemFiles::rsaPublicKeys);
    String issuer = serviceAccountIssuer;
    if (issuer == null || issuer.isBlank()) {
      throw invalid("--service-account-issuer", String.valueOf(issuer), "must not be empty");
    }
    if (issuer.contains(":")) {
      try {
        if (new java.net.URI(issuer).getScheme() == null) {
          throw new java.net.URISyntaxException(issuer, "no scheme");
        }
      } catch (java.net.URISyntaxException e) {
        throw invalid("--service-account-issuer", issuer,
            "contains a ':' but is not a valid URL");
      }
    }
    if (authorizationModes != null) {
      Set<String> seen = new HashSet<>();
      for (String mode : authorizationModes) {
        if (!AUTHORIZATION_MODES.contains(mode)) {
          throw invalid("--authorization-mode", mode, "unknown authorization mode (known: "
              + String.join(", ", AUTHORIZATION_MODES) + ")");
        }
        if (!seen.add(mode)) {
          throw invalid("--authorization-mode", String.join(",", authorizationModes),
              "mode " + mode + " given more than once");
        }
      }
    }
  }

  private void readable(String flag, Path file) {
    if (file != null && !java.nio.file.Files.isReadable(file)) {
      throw invalid(flag, file.toString(), "not a readable file");
    }
  }

  private void check(String flag, Path file, java.util.function.Consumer<Path> load) {
    if (file == null) {
      return;
    }
    readable(flag, file);
    try {
      load.accept(file);
    } catch (IllegalArgumentException e) {
      throw invalid(flag, file.toString(), e.getMessage());
    }
  }

  /**
   * The API server's HTTPS, authentication and authorization from these flags. A file flag
   * left unset keeps {@code generated}'s file: {@code kubling server} passes the PKI it made
   * under its data dir, {@code kubling apiserver} the one in its --cert-dir, or
   * {@link ServingSecurity#NONE} when --tls-cert-file is given (the flags alone, as
   * kube-apiserver takes them). Without --authorization-mode the modes are Node,RBAC once
   * anything authenticates, else AlwaysAllow.
   */
  ServingSecurity servingSecurity(ServingSecurity generated) {
    List<Path> keys = !serviceAccountKeyFiles.isEmpty() ? List.copyOf(serviceAccountKeyFiles)
        : generated.serviceAccountKeyFiles();
    Path signingKey = or(serviceAccountSigningKeyFile, generated.serviceAccountSigningKeyFile());
    if (keys.isEmpty() && signingKey != null) {
      keys = List.of(signingKey); // as kube-apiserver: the signing key also verifies
    }
    ServingSecurity s = new ServingSecurity(or(tlsCertFile, generated.tlsCertFile()),
        or(tlsPrivateKeyFile, generated.tlsPrivateKeyFile()),
        or(clientCaFile, generated.clientCaFile()), or(tokenAuthFile, generated.tokenAuthFile()),
        keys, signingKey, serviceAccountIssuer, List.of("AlwaysAllow"), anonymousAuth);
    List<String> modes = authorizationModes != null ? List.copyOf(authorizationModes)
        : s.authenticates() ? DEFAULT_AUTHORIZATION_MODES : List.of("AlwaysAllow");
    return new ServingSecurity(s.tlsCertFile(), s.tlsPrivateKeyFile(), s.clientCaFile(),
        s.tokenAuthFile(), s.serviceAccountKeyFiles(), s.serviceAccountSigningKeyFile(),
        s.serviceAccountIssuer(), modes, s.anonymousAuth());
  }

  private static <T> T or(T flag, T generated) {
    return flag != null ? flag : generated;
  }

  /** The options from the flags alone (kubling apiserver --tls-cert-file ...). */
  ApiServerOptions toOptions(List<String> etcdServers) {
    return toOptions(etcdServers, ServingSecurity.NONE);
  }

  /** generated: the serving files kubling server made; flags given override each one. */
  ApiServerOptions toOptions(List<String> etcdServers, ServingSecurity generated) {
    return ApiServerOptions.defaults(etcdServers).withBind(bindAddress, port)
        .withServingSecurity(servingSecurity(generated))
        .withRanges(serviceClusterIpRange, serviceNodePortRange)
        .withEtcdCompactionInterval(parseDuration(etcdCompactionInterval))
        .withStorageSecurity(StorageSecurity.NONE
            .withEncryptionProviderConfig(encryptionProviderConfig)
            .withEtcdTls(etcdCaFile, etcdCertFile, etcdKeyFile));
  }

  ParameterException invalid(String flag, String value, String why) {
    return new ParameterException(spec.commandLine(),
        "Invalid value for option '" + flag + "': '" + value + "': " + why);
  }

  /** An IPv4 or IPv6 literal; never a host name, so parsing it never asks DNS. */
  static boolean isIpLiteral(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    boolean v4 = s.matches("\\d{1,3}(\\.\\d{1,3}){3}")
        && java.util.Arrays.stream(s.split("\\.")).allMatch(o -> Integer.parseInt(o) <= 255);
    boolean v6 = s.contains(":") && s.matches("[0-9A-Fa-f:.]+");
    if (!v4 && !v6) {
      return false;
    }
    try {
      InetAddress.getByName(s);
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
