package io.kubling.ingress;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerStatus;
import io.fabric8.kubernetes.api.model.networking.v1.IngressStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes status.loadBalancer.ingress of this controller's Ingresses when it differs. */
final class IngressStatusWriter {
  private static final Logger log = LoggerFactory.getLogger(IngressStatusWriter.class);

  private final KubernetesClient client;
  private final List<IngressLoadBalancerIngress> desired;

  IngressStatusWriter(KubernetesClient client, List<String> addresses) {
    this.client = client;
    this.desired = addresses.stream().map(IngressStatusWriter::point).toList();
  }

  /** Pure: the load-balancer points an address becomes (an IP, else a hostname). */
  static IngressLoadBalancerIngress point(String address) {
    boolean ip = address.matches("[0-9.]+") || address.contains(":");
    return ip ? new IngressLoadBalancerIngressBuilder().withIp(address).build()
        : new IngressLoadBalancerIngressBuilder().withHostname(address).build();
  }

  /** True when all are as desired; false when a write failed and should be retried. */
  boolean sync(List<Ingress> ours) {
    boolean ok = true;
    for (Ingress ing : ours) {
      IngressLoadBalancerStatus lb = ing.getStatus() == null ? null
          : ing.getStatus().getLoadBalancer();
      List<IngressLoadBalancerIngress> now = lb == null || lb.getIngress() == null ? List.of()
          : lb.getIngress();
      if (Objects.equals(now, desired)) {
        continue;
      }
      Ingress copy = new IngressBuilder(ing)
          .withStatus(new IngressStatus(new IngressLoadBalancerStatus(desired))).build();
      try {
        client.network().v1().ingresses().inNamespace(ing.getMetadata().getNamespace())
            .resource(copy).updateStatus();
        log.atInfo().addKeyValue("ingress", ing.getMetadata().getNamespace() + "/"
            + ing.getMetadata().getName()).addKeyValue("addresses", desired.size())
            .log("ingress status updated");
      } catch (KubernetesClientException e) {
        // A conflict means a newer object is on its way through the informer; retry then.
        ok = false;
        log.atDebug().addKeyValue("error", e.getMessage()).log("ingress status not updated");
      }
    }
    return ok;
  }
}
