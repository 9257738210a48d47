package io.kubling.component.client;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.kubling.component.config.ComponentOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Builds the fabric8 client a component talks to the API server with, over Vert.x 5. */
public final class KubeClients {

  private KubeClients() {}

  /** A client for the API server at {@code url}, with no credentials and no kubeconfig read. */
  public static KubernetesClient forMaster(String url, ClientSettings settings) {
    requireNonNull(url, "url should not be null");
    // Config.empty(): nothing from ~/.kube/config, KUBERNETES_* variables or a service account
    // leaks into a client that was told exactly where to go.
    Config config = Config.empty();
    config.setMasterUrl(checkMaster(url));
    return build(config, settings);
  }

  /** A client from a kubeconfig file's current context. */
  public static KubernetesClient fromKubeconfig(Path kubeconfig, ClientSettings settings) {
    return build(readKubeconfig(kubeconfig), settings);
  }

  /**
   * A client as Kubernetes components choose it: --kubeconfig if given, with --master
   * overriding its server; --master alone; neither: in-cluster or the default kubeconfig.
   */
  public static KubernetesClient create(ComponentOptions options, ClientSettings settings) {
    String kubeconfig = options.kubeconfig();
    String master = options.master();
    if (kubeconfig.isEmpty() && master.isEmpty()) {
      return build(Config.autoConfigure(null), settings);
    }
    if (kubeconfig.isEmpty()) {
      return forMaster(master, settings);
    }
    Config config = readKubeconfig(Path.of(kubeconfig));
    if (!master.isEmpty()) {
      config.setMasterUrl(checkMaster(master));
    }
    return build(config, settings);
  }

  // fabric8 reads a bare host:port as https, as kubectl does, but would also glue https:// in
  // front of any other scheme; refuse those here, by name.
  private static String checkMaster(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    if (url.isBlank() || (lower.contains("://") && !lower.matches("https?://.+"))) {
      throw new IllegalArgumentException("API server URL must be http(s)://host:port, got " + url);
    }
    return url;
  }

  private static Config readKubeconfig(Path path) {
    requireNonNull(path, "kubeconfig should not be null");
    // Checked here so that the failure names the file the operator passed.
    if (!Files.isReadable(path)) {
      throw new IllegalArgumentException("kubeconfig " + path + " does not exist or is not readable");
    }
    return Config.fromKubeconfig(path.toFile());
  }

  private static KubernetesClient build(Config config, ClientSettings settings) {
    requireNonNull(settings, "settings should not be null");
    config.setRequestTimeout(Math.toIntExact(settings.requestTimeout().toMillis()));
    config.setConnectionTimeout(Math.toIntExact(settings.connectTimeout().toMillis()));
    config.setUserAgent(settings.userAgent());
    // WebSocket watches unless asked otherwise (ClientSettings says why); the API server
    // serves both.
    config.setOnlyHttpWatches(!settings.webSocketWatches());
    return new KubernetesClientBuilder()
        .withConfig(config)
        .withHttpClientFactory(new Vertx5HttpClientFactory())
        // Every watch event is decoded once, not into a tree first and then again.
        .withKubernetesSerialization(WatchEventDecoding.serialization(settings.decoding()))
        .build();
  }
}
