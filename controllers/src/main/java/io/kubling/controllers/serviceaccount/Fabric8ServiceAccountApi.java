package io.kubling.controllers.serviceaccount;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubling.controllers.Informers;
import java.util.Optional;

/** {@link ServiceAccountApi} over the namespace and service account informers. */
public final class Fabric8ServiceAccountApi implements ServiceAccountApi {
  private final KubernetesClient client;
  private final SharedIndexInformer<Namespace> namespaces;
  private final SharedIndexInformer<ServiceAccount> accounts;

  public Fabric8ServiceAccountApi(KubernetesClient client, SharedIndexInformer<Namespace> namespaces,
      SharedIndexInformer<ServiceAccount> accounts) {
    this.client = client;
    this.namespaces = namespaces;
    this.accounts = accounts;
  }

  @Override
  public Optional<Namespace> namespace(String name) {
    return Informers.get(namespaces, name);
  }

  @Override
  public Optional<ServiceAccount> serviceAccount(String namespace, String name) {
    return Informers.get(accounts, namespace + "/" + name);
  }

  @Override
  public void create(ServiceAccount sa) {
    try {
      client.serviceAccounts().inNamespace(sa.getMetadata().getNamespace()).resource(sa).create();
    } catch (KubernetesClientException e) {
      // 409: it exists already (our cache lags); 403/409 in a namespace that began terminating.
      if (e.getCode() != 409 && e.getCode() != 403) {
        throw e;
      }
    }
  }
}
