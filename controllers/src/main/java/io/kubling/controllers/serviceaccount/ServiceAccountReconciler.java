package io.kubling.controllers.serviceaccount;

import io.fabric8.kubernetes.api.model.Namespace;
import io.kubling.component.controller.Reconciler;
import io.kubling.component.controller.Result;
import java.util.Optional;

/** Keeps a {@code default} ServiceAccount in every active namespace; keys are namespace names. */
public final class ServiceAccountReconciler implements Reconciler {
  private final ServiceAccountApi api;

  public ServiceAccountReconciler(ServiceAccountApi api) {
    this.api = api;
  }

  @Override
  public Result reconcile(String namespace) {
    Optional<Namespace> ns = api.namespace(namespace);
    if (ns.isEmpty()) {
      return Result.done();
    }
    ServiceAccounts.missing(ns.get(), api.serviceAccount(namespace, ServiceAccounts.DEFAULT))
        .ifPresent(api::create);
    return Result.done();
  }
}
