package io.kubling.controllers.rootcacertpublisher;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubling.component.controller.Controller;
import io.kubling.component.controller.Reconciler;
import io.kubling.component.controller.Result;
import io.kubling.controllers.ControllerContext;
import io.kubling.controllers.Informers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * kube-controller-manager's root-ca-cert-publisher: every active namespace holds the
 * kube-root-ca.crt ConfigMap with the cluster CA (--root-ca-file), which pods' projected
 * ServiceAccount volumes mount as ca.crt. Keys are namespace names.
 */
public final class RootCaCertPublisher implements Reconciler {
  public static final String NAME = "root-ca-cert-publisher";

  private final RootCaApi api;
  private final String caBundle;

  public RootCaCertPublisher(RootCaApi api, String caBundle) {
    this.api = api;
    this.caBundle = caBundle;
  }

  /** The controller, or null when no --root-ca-file is given: there is nothing to publish. */
  public static Controller create(ControllerContext ctx) {
    String file = ctx.options().rootCaFile();
    if (file.isEmpty()) {
      return null;
    }
    String bundle;
    try {
      bundle = Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new UncheckedIOException("--root-ca-file " + file + ": " + e.getMessage(), e);
    }
    var namespaces = ctx.informers().namespaces();
    var configMaps = ctx.informers().rootCaConfigMaps(RootCaConfigMaps.NAME);
    return Controller.builder(NAME, new RootCaCertPublisher(
            new Fabric8(ctx.client(), namespaces, configMaps), bundle))
        .watch(namespaces, ns -> List.of(ns.getMetadata().getName()))
        .watch(configMaps, cm -> List.of(cm.getMetadata().getNamespace()))
        .workers(ctx.options().workers(NAME))
        .build();
  }

  @Override
  public Result reconcile(String namespace) {
    Optional<Namespace> ns = api.namespace(namespace);
    if (ns.isEmpty()) {
      return Result.done();
    }
    RootCaConfigMaps.change(ns.get(), api.configMap(namespace), caBundle).ifPresent(c -> {
      if (c.create()) {
        api.create(c.configMap());
      } else {
        api.update(c.configMap());
      }
    });
    return Result.done();
  }

  /** {@link RootCaApi} over the namespace and kube-root-ca.crt informers. */
  static final class Fabric8 implements RootCaApi {
    private final KubernetesClient client;
    private final SharedIndexInformer<Namespace> namespaces;
    private final SharedIndexInformer<ConfigMap> configMaps;

    Fabric8(KubernetesClient client, SharedIndexInformer<Namespace> namespaces,
        SharedIndexInformer<ConfigMap> configMaps) {
      this.client = client;
      this.namespaces = namespaces;
      this.configMaps = configMaps;
    }

    @Override
    public Optional<Namespace> namespace(String name) {
      return Informers.get(namespaces, name);
    }

    @Override
    public Optional<ConfigMap> configMap(String namespace) {
      return Informers.get(configMaps, namespace + "/" + RootCaConfigMaps.NAME);
    }

    @Override
    public void create(ConfigMap cm) {
      try {
        client.configMaps().inNamespace(cm.getMetadata().getNamespace()).resource(cm).create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 && e.getCode() != 403) {
          throw e;
        }
      }
    }

    @Override
    public void update(ConfigMap cm) {
      client.configMaps().inNamespace(cm.getMetadata().getNamespace()).resource(cm).update();
    }
  }
}
