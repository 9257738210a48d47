package io.kubling.apiserver.fabric8;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubling.apiserver.ApiServerFixture;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** The fabric8 client as a real user builds it, and the few objects the tests create. */
final class Clients {
  /** Long enough for the server's own etcd timeout (5 s by default) to answer first. */
  static final int REQUEST_TIMEOUT_MS = 15_000;

  private Clients() {}

  static KubernetesClient client(ApiServerFixture f) {
    return client(f.url());
  }

  /**
   * A client that does not retry failed requests, so that every server error reaches the
   * test; informers still reconnect and relist on their own.
   */
  static KubernetesClient client(String url) {
    return new KubernetesClientBuilder().withConfig(config(url)
        .withRequestRetryBackoffLimit(0)
        .withWatchReconnectInterval(200)
        .build()).build();
  }

  /** The configuration every client here starts from. */
  static ConfigBuilder config(String url) {
    return new ConfigBuilder()
        .withMasterUrl(url)
        .withTrustCerts(true)
        .withRequestTimeout(REQUEST_TIMEOUT_MS);
  }

  static void createNamespace(KubernetesClient c, String name) {
    c.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
        .endMetadata().build()).create();
  }

  static Pod pod(String name, Map<String, String> labels) {
    return new PodBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
        .withNewSpec().addNewContainer().withName("c").withImage("nginx").endContainer()
        .endSpec().build();
  }

  static ConfigMap configMap(String name, String value) {
    return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata()
        .addToData("v", value).build();
  }

  /** name to resourceVersion, the identity an informer's store must agree on with the server. */
  static Map<String, String> versions(List<? extends HasMetadata> items) {
    Map<String, String> m = new TreeMap<>();
    items.forEach(i -> m.put(i.getMetadata().getName(), i.getMetadata().getResourceVersion()));
    return m;
  }

  /** Asserts that call fails with a KubernetesClientException of the given HTTP code. */
  static void assertCode(int code, ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(KubernetesClientException.class,
        e -> assertThat(e.getCode()).as("HTTP code of %s", e.getMessage()).isEqualTo(code));
  }
}
