package io.kubling.testkit;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.List;

/**
 * A real etcd for a test: either the {@code etcd} binary on free loopback ports or a
 * Testcontainers container. Tests only see client endpoints, and may stop and start it
 * again (same data) to play an etcd outage.
 */
public interface EtcdServer extends Closeable {

  /**
   * etcd's client TLS: its serving certificate and key, and the CA whose client certificates
   * it accepts ({@code --client-cert-auth}); the serving certificate must name 127.0.0.1.
   */
  record Tls(Path trustedCaFile, Path certFile, Path keyFile) {}

  /** Client URLs, e.g. {@code http://127.0.0.1:34567} ({@code https://} with TLS). */
  List<String> clientEndpoints();

  default String clientEndpoint() {
    return clientEndpoints().get(0);
  }

  /** Stops etcd, keeping its data. */
  void stop();

  /** Kills etcd at once, as a crash would, keeping its data. */
  default void kill() {
    stop();
  }

  /** Starts etcd again on the same ports and data. */
  void start();

  @Override
  void close();

  /**
   * Starts one: Testcontainers when a Docker engine answers, otherwise the {@code etcd}
   * binary on PATH. Fails with one line naming the fix when neither is there.
   */
  static EtcdServer start(String name) {
    if (ContainerEtcdServer.dockerAnswers()) {
      return ContainerEtcdServer.startNew(name);
    }
    if (ProcessEtcdServer.binaryOnPath() != null) {
      return ProcessEtcdServer.startNew(name);
    }
    throw new IllegalStateException(
        "no etcd for tests: install Debian's etcd-server package (apt-get install etcd-server)"
            + " or start a Docker engine");
  }

  /**
   * Starts the {@code etcd} binary serving clients over TLS with client-cert-auth on
   * loopback (peers stay plain on loopback: one member, nothing crosses the machine).
   */
  static EtcdServer startTls(String name, Tls tls) {
    if (ProcessEtcdServer.binaryOnPath() == null) {
      throw new IllegalStateException("no etcd for TLS tests: install Debian's etcd-server"
          + " package (apt-get install etcd-server)");
    }
    return ProcessEtcdServer.startNew(name, tls);
  }
}
