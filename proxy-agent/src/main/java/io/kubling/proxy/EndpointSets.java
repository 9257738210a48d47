package io.kubling.proxy;

import java.util.List;

/**
 * Which endpoints each traffic class of a service port may reach, per its traffic policies — the
 * decision every renderer shares, so that the modes agree.
 *
 * @param all every ready endpoint (the "cluster" set)
 * @param local the ready endpoints on this node
 * @param internal what ClusterIP traffic reaches: local if internalTrafficPolicy is Local
 * @param external what NodePort, external and LB traffic reaches: local if
 *     externalTrafficPolicy is Local
 */
public record EndpointSets(List<Endpoint> all, List<Endpoint> local, List<Endpoint> internal,
    List<Endpoint> external) {

  public static EndpointSets of(ProxySnapshot snapshot, ServicePort sp) {
    List<Endpoint> all = snapshot.endpointsOf(sp.name());
    List<Endpoint> local = snapshot.localEndpointsOf(sp.name());
    return new EndpointSets(all, local, sp.internalLocal() ? local : all,
        sp.externalLocal() ? local : all);
  }

  /** The cluster-wide chain (KUBE-SVC-) is needed: some traffic class uses all endpoints. */
  public boolean usesClusterChain(ServicePort sp) {
    return !all.isEmpty() && (!sp.internalLocal() || (sp.hasExternal() && !sp.externalLocal()));
  }

  /** The local-only chain (KUBE-SVL-) is needed: some traffic class uses local endpoints. */
  public boolean usesLocalChain(ServicePort sp) {
    return !local.isEmpty() && (sp.internalLocal() || (sp.hasExternal() && sp.externalLocal()));
  }
}
