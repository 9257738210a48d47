package io.kubling.agent.node;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;

/** Renews the node's Lease in kube-node-lease, the heartbeat the node lifecycle controller reads. */
public final class LeaseHeartbeat {
  public static final String NAMESPACE = "kube-node-lease";

  private final KubernetesClient client;
  private final String nodeName;
  private final Duration duration;
  private final Clock clock;

  public LeaseHeartbeat(KubernetesClient client, String nodeName, Duration duration, Clock clock) {
    this.client = requireNonNull(client, "client should not be null");
    this.nodeName = requireNonNull(nodeName, "nodeName should not be null");
    this.duration = requireNonNull(duration, "duration should not be null");
    this.clock = requireNonNull(clock, "clock should not be null");
  }

  /** Creates or renews the Lease; the owner is the Node, so deleting the Node deletes it. */
  public Lease renew(String nodeUid) {
    var leases = client.leases().inNamespace(NAMESPACE);
    Lease current = leases.withName(nodeName).get();
    if (current == null) {
      Lease lease = new LeaseBuilder().withNewMetadata().withName(nodeName)
          .withNamespace(NAMESPACE)
          .withOwnerReferences(List.of(new OwnerReference("v1", null, null, "Node", nodeName,
              nodeUid)))
          .endMetadata()
          .withNewSpec().withHolderIdentity(nodeName)
          .withLeaseDurationSeconds(Math.toIntExact(duration.toSeconds()))
          .withRenewTime(ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
          .endSpec().build();
      try {
        return leases.resource(lease).create();
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
        current = leases.withName(nodeName).get();
      }
    }
    Lease renewed = new LeaseBuilder(current).editSpec().withHolderIdentity(nodeName)
        .withLeaseDurationSeconds(Math.toIntExact(duration.toSeconds()))
        .withRenewTime(ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).endSpec().build();
    return leases.resource(renewed).update();
  }
}
