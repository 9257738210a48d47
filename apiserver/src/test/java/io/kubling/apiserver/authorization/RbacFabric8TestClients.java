package io.kubling.apiserver.authorization;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubling.apiserver.SecureApiServerFixture;

/** fabric8 clients that authenticate to a {@link SecureApiServerFixture} with a test token. */
final class RbacFabric8TestClients {
  private RbacFabric8TestClients() {}

  static KubernetesClient client(SecureApiServerFixture f, String token) {
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(f.url())
        .withOauthToken(token).withRequestRetryBackoffLimit(0).withRequestTimeout(15_000)
        .build()).build();
  }
}
