package io.kubling.controllers.nodeipam;

import io.kubling.component.controller.Controller;
import io.kubling.controllers.ControllerContext;
import java.util.List;

/** Wires node IPAM: node events → node names, one worker so allocations never race. */
public final class NodeIpamController {
  private NodeIpamController() {}

  public static Controller create(ControllerContext ctx) {
    var nodes = ctx.informers().nodes();
    return Controller.builder("nodeipam", new NodeIpamReconciler(
            new Fabric8NodeIpamApi(ctx.client(), nodes), ctx.options().clusterCidr(),
            ctx.options().nodeCidrMaskSize()))
        .watch(nodes, n -> List.of(n.getMetadata().getName()))
        .workers(1)
        .build();
  }
}
