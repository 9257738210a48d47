package io.kubling.cli;

import io.kubling.apiserver.ApiServerOptions;
import io.kubling.apiserver.StorageSecurity;
import io.kubling.apiserver.storage.encryption.EncryptionConfiguration;
import io.kubling.apiserver.allocator.Ipv4Range;
import io.kubling.apiserver.allocator.PortRange;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
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
      description = "Port of the API server (plain HTTP for now; 0 picks a free one)."
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
  }

  ApiServerOptions toOptions(List<String> etcdServers) {
    return ApiServerOptions.defaults(etcdServers).withBind(bindAddress, port)
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
