package io.kubling.controllers.namespace;

import io.kubling.component.controller.Controller;
import io.kubling.controllers.ControllerContext;
import java.util.List;

/** Wires the namespace controller: namespace events → namespace names → {@link NamespaceReconciler}. */
public final class NamespaceController {
  private NamespaceController() {}

  public static Controller create(ControllerContext ctx) {
    var namespaces = ctx.informers().namespaces();
    return Controller.builder("namespace",
            new NamespaceReconciler(new Fabric8NamespaceApi(ctx.client(), namespaces)))
        .watch(namespaces, ns -> List.of(ns.getMetadata().getName()))
        .workers(ctx.options().workers("namespace"))
        .build();
  }
}
