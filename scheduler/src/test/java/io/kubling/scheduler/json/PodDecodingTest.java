package io.kubling.scheduler.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kubling.component.client.WatchEventDecoding;
import org.junit.jupiter.api.Test;

/** The scheduler's client decodes what scheduling reads of a pod, skips the rest, writes all. */
class PodDecodingTest {
  static final KubernetesSerialization SCHEDULER =
      WatchEventDecoding.serialization(PodDecoding.module());

  static final String POD = "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"p\","
      + "\"namespace\":\"ns\",\"uid\":\"u-1\",\"resourceVersion\":\"7\",\"generation\":2,"
      + "\"creationTimestamp\":\"2026-11-27T05:20:01Z\",\"deletionTimestamp\":\"2026-11-27T05:21:01Z\","
      + "\"labels\":{\"app\":\"a\"},\"annotations\":{\"note\":\"x\"},\"finalizers\":[\"f\"],"
      + "\"managedFields\":[{\"manager\":\"kubectl\",\"fieldsV1\":{\"f:spec\":{}}}],"
      + "\"ownerReferences\":[{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"rs\","
      + "\"uid\":\"rs-1\",\"controller\":true}]},"
      + "\"spec\":{\"schedulerName\":\"other\",\"nodeName\":\"n1\",\"priority\":5,"
      + "\"hostNetwork\":true,\"nodeSelector\":{\"disk\":\"ssd\"},"
      + "\"overhead\":{\"cpu\":\"10m\"},"
      + "\"affinity\":{\"nodeAffinity\":{\"requiredDuringSchedulingIgnoredDuringExecution\":"
      + "{\"nodeSelectorTerms\":[{\"matchExpressions\":[{\"key\":\"zone\",\"operator\":\"In\","
      + "\"values\":[\"a\"]}]}]}}},"
      + "\"tolerations\":[{\"key\":\"k\",\"operator\":\"Exists\",\"effect\":\"NoSchedule\"}],"
      + "\"containers\":[{\"name\":\"c\",\"image\":\"nginx\",\"env\":[{\"name\":\"A\",\"value\":\"1\"}],"
      + "\"resources\":{\"requests\":{\"cpu\":\"100m\",\"memory\":\"128Mi\"},\"limits\":{\"cpu\":\"1\"}},"
      + "\"ports\":[{\"containerPort\":80,\"hostPort\":8080,\"protocol\":\"TCP\"}],"
      + "\"volumeMounts\":[{\"name\":\"v\",\"mountPath\":\"/v\"}]}],"
      + "\"initContainers\":[{\"name\":\"i\",\"image\":\"busybox\",\"resources\":{\"requests\":"
      + "{\"cpu\":\"200m\"}}}],"
      + "\"volumes\":[{\"name\":\"v\",\"emptyDir\":{}}],\"dnsPolicy\":\"ClusterFirst\","
      + "\"securityContext\":{},\"serviceAccountName\":\"default\"},"
      + "\"status\":{\"phase\":\"Pending\",\"qosClass\":\"Burstable\",\"conditions\":[{\"type\":"
      + "\"PodScheduled\",\"status\":\"False\",\"reason\":\"Unschedulable\",\"message\":\"m\"}],"
      + "\"containerStatuses\":[{\"name\":\"c\",\"ready\":false,\"restartCount\":0,\"image\":\"nginx\","
      + "\"imageID\":\"\"}],\"podIP\":\"10.244.0.2\"}}";

  @Test
  void keepsWhatSchedulingReads() {
    Pod p = decodeWatched();
    assertThat(p.getMetadata().getName()).isEqualTo("p");
    assertThat(p.getMetadata().getNamespace()).isEqualTo("ns");
    assertThat(p.getMetadata().getUid()).isEqualTo("u-1");
    assertThat(p.getMetadata().getResourceVersion()).isEqualTo("7");
    assertThat(p.getMetadata().getDeletionTimestamp()).isEqualTo("2026-11-27T05:21:01Z");
    assertThat(p.getMetadata().getLabels()).containsEntry("app", "a");
    assertThat(p.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(r -> assertThat(r.getUid()).isEqualTo("rs-1"));
    assertThat(p.getSpec().getSchedulerName()).isEqualTo("other");
    assertThat(p.getSpec().getNodeName()).isEqualTo("n1");
    assertThat(p.getSpec().getPriority()).isEqualTo(5);
    assertThat(p.getSpec().getHostNetwork()).isTrue();
    assertThat(p.getSpec().getNodeSelector()).containsEntry("disk", "ssd");
    assertThat(p.getSpec().getOverhead().get("cpu").toString()).isEqualTo("10m");
    assertThat(p.getSpec().getAffinity().getNodeAffinity()
        .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms()).hasSize(1);
    assertThat(p.getSpec().getTolerations()).singleElement()
        .satisfies(t -> assertThat(t.getEffect()).isEqualTo("NoSchedule"));
    var c = p.getSpec().getContainers().get(0);
    assertThat(c.getName()).isEqualTo("c");
    assertThat(c.getResources().getRequests().get("memory").toString()).isEqualTo("128Mi");
    assertThat(c.getResources().getLimits().get("cpu").toString()).isEqualTo("1");
    assertThat(c.getPorts().get(0).getHostPort()).isEqualTo(8080);
    assertThat(p.getSpec().getInitContainers().get(0).getResources().getRequests().get("cpu")
        .toString()).isEqualTo("200m");
    assertThat(p.getStatus().getPhase()).isEqualTo("Pending");
    assertThat(p.getStatus().getConditions()).singleElement()
        .satisfies(k -> assertThat(k.getReason()).isEqualTo("Unschedulable"));
  }

  @Test
  void skipsTheRestWithoutKeepingItAsUnknownFields() {
    Pod p = decodeWatched();
    assertThat(p.getMetadata().getAnnotations()).isNullOrEmpty();
    assertThat(p.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(p.getMetadata().getCreationTimestamp()).isNull();
    assertThat(p.getMetadata().getAdditionalProperties()).isEmpty();
    assertThat(p.getSpec().getVolumes()).isNullOrEmpty();
    assertThat(p.getSpec().getSecurityContext()).isNull();
    assertThat(p.getSpec().getAdditionalProperties()).isEmpty();
    assertThat(p.getSpec().getContainers().get(0).getImage()).isNull();
    assertThat(p.getSpec().getContainers().get(0).getEnv()).isNullOrEmpty();
    assertThat(p.getSpec().getContainers().get(0).getAdditionalProperties()).isEmpty();
    assertThat(p.getStatus().getContainerStatuses()).isNullOrEmpty();
    assertThat(p.getStatus().getAdditionalProperties()).isEmpty();
  }

  @Test
  void listsAndTypedReadsDecodeTheSameWay() {
    Pod p = SCHEDULER.unmarshal(POD, Pod.class);
    assertThat(p.getSpec().getContainers().get(0).getImage()).isNull();
    assertThat(p.getSpec().getContainers().get(0).getPorts()).hasSize(1);
  }

  @Test
  void writesStayWhole() {
    Pod full = new KubernetesSerialization().unmarshal(POD, Pod.class);
    assertThat(SCHEDULER.asJson(full)).contains("\"image\":\"nginx\"", "\"managedFields\"",
        "\"annotations\"", "\"volumes\"", "\"containerStatuses\"");
    // Leases are read and written back by leader election: their metadata round-trips whole.
    String lease = "{\"apiVersion\":\"coordination.k8s.io/v1\",\"kind\":\"Lease\",\"metadata\":"
        + "{\"name\":\"kube-scheduler\",\"namespace\":\"kube-system\",\"annotations\":{\"a\":\"b\"},"
        + "\"creationTimestamp\":\"2026-11-27T05:20:01Z\",\"resourceVersion\":\"3\"},"
        + "\"spec\":{\"holderIdentity\":\"x\"}}";
    Lease l = SCHEDULER.unmarshal(lease, Lease.class);
    assertThat(l.getMetadata().getAnnotations()).containsEntry("a", "b");
    assertThat(l.getMetadata().getCreationTimestamp()).isEqualTo("2026-11-27T05:20:01Z");
  }

  private static Pod decodeWatched() {
    WatchEvent e = SCHEDULER.unmarshal("{\"type\":\"MODIFIED\",\"object\":" + POD + "}",
        WatchEvent.class);
    assertThat(e.getObject()).isInstanceOf(Pod.class);
    return (Pod) e.getObject();
  }
}
