package io.kubling.testkit;

import java.time.Duration;
import java.util.List;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.FixedHostPortGenericContainer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/** etcd from the official image, through Testcontainers, when a Docker engine answers. */
final class ContainerEtcdServer implements EtcdServer {
  static final String IMAGE = "gcr.io/etcd-development/etcd:v3.5.17";
  private final GenericContainer<?> container;
  private final int hostPort;

  private ContainerEtcdServer(GenericContainer<?> container, int hostPort) {
    this.container = container;
    this.hostPort = hostPort;
  }

  private static Boolean dockerAnswers;

  /** Asked once per JVM: Testcontainers' probe takes a moment when no engine is there. */
  static synchronized boolean dockerAnswers() {
    if (dockerAnswers == null) {
      dockerAnswers = !"false".equals(System.getenv("KUBLING_TEST_DOCKER")) && probeDocker();
    }
    return dockerAnswers;
  }

  private static boolean probeDocker() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable noDocker) {
      return false;
    }
  }

  @SuppressWarnings("deprecation") // a fixed host port lets stop/start keep the same endpoint
  static ContainerEtcdServer startNew(String name) {
    int port = FreePorts.next();
    GenericContainer<?> c = new FixedHostPortGenericContainer<>(IMAGE)
        .withFixedExposedPort(port, 2379)
        .withCommand("etcd", "--name", name,
            "--listen-client-urls", "http://0.0.0.0:2379",
            "--advertise-client-urls", "http://127.0.0.1:" + port)
        .waitingFor(Wait.forListeningPort().withStartupTimeout(Duration.ofSeconds(60)));
    c.start();
    return new ContainerEtcdServer(c, port);
  }

  @Override
  public List<String> clientEndpoints() {
    return List.of("http://127.0.0.1:" + hostPort);
  }

  @Override
  public void stop() {
    container.getDockerClient().stopContainerCmd(container.getContainerId()).exec();
  }

  @Override
  public void start() {
    container.getDockerClient().startContainerCmd(container.getContainerId()).exec();
  }

  @Override
  public void close() {
    container.stop();
  }
}
