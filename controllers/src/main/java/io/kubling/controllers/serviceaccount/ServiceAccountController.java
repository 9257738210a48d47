package io.kubling.controllers.serviceaccount;

import io.kubling.component.controller.Controller;
import io.kubling.controllers.ControllerContext;
import java.util.List;

/** Wires the service account controller: namespace and account events → namespace names. */
public final class ServiceAccountController {
  private ServiceAccountController() {}

  public static Controller create(ControllerContext ctx) {
    var namespaces = ctx.informers().namespaces();
    var accounts = ctx.informers().serviceAccounts();
    return Controller.builder("serviceaccount",
            new ServiceAccountReconciler(new Fabric8ServiceAccountApi(ctx.client(), namespaces,
                accounts)))
        .watch(namespaces, ns -> List.of(ns.getMetadata().getName()))
        .watch(accounts, sa -> ServiceAccounts.DEFAULT.equals(sa.getMetadata().getName())
            ? List.of(sa.getMetadata().getNamespace()) : List.of())
        .workers(ctx.options().workers("serviceaccount"))
        .build();
  }
}
