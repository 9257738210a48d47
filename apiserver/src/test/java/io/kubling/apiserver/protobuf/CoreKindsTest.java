package io.kubling.apiserver.protobuf;

import static io.kubling.apiserver.protobuf.KubectlStyle.assertDecodes;
import static io.kubling.apiserver.protobuf.KubectlStyle.bytes;
import static io.kubling.apiserver.protobuf.KubectlStyle.envelope;
import static io.kubling.apiserver.protobuf.KubectlStyle.meta;

import com.google.protobuf.ByteString;
import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import org.junit.jupiter.api.Test;

class CoreKindsTest {
  @Test
  void secretDataIsBase64AndZeroMetadataIsLeftOutButCreationTimestampIsNull() {
    V1.Secret secret = V1.Secret.newBuilder().setMetadata(meta("s1", "default"))
        .putData("a", bytes("hello"))
        .putData("bin", ByteString.copyFrom(new byte[] {(byte) 0xff, 0, 1}))
        .setType("Opaque").build();
    assertDecodes(envelope("v1", "Secret", secret), """
        {"kind": "Secret", "apiVersion": "v1",
         "metadata": {"name": "s1", "namespace": "default", "creationTimestamp": null},
         "data": {"a": "aGVsbG8=", "bin": "/wAB"},
         "type": "Opaque"}""");
  }

  @Test
  void configMapDataWithSortedKeys() {
    V1.ConfigMap cm = V1.ConfigMap.newBuilder().setMetadata(meta("cm1", "default"))
        .putData("k2", "v2").putData("k1", "").putBinaryData("b", bytes("x")).build();
    assertDecodes(envelope("v1", "ConfigMap", cm), """
        {"kind": "ConfigMap", "apiVersion": "v1",
         "metadata": {"name": "cm1", "namespace": "default", "creationTimestamp": null},
         "data": {"k1": "", "k2": "v2"},
         "binaryData": {"b": "eA=="}}""");
  }

  @Test
  void namespaceWithEmptySpecAndStatusAsGoWritesThem() {
    V1.Namespace ns = V1.Namespace.newBuilder().setMetadata(meta("ns1", ""))
        .setSpec(V1.NamespaceSpec.getDefaultInstance())
        .setStatus(V1.NamespaceStatus.newBuilder().setPhase("")).build();
    assertDecodes(envelope("v1", "Namespace", ns), """
        {"kind": "Namespace", "apiVersion": "v1",
         "metadata": {"name": "ns1", "creationTimestamp": null},
         "spec": {}, "status": {}}""");
  }

  @Test
  void serviceTargetPortIntOrStringAsNumberAndZeroNodePortLeftOut() {
    V1.Service svc = V1.Service.newBuilder()
        .setMetadata(meta("svc1", "default").putLabels("app", "svc1"))
        .setSpec(V1.ServiceSpec.newBuilder()
            .addPorts(V1.ServicePort.newBuilder().setName("80-8080").setProtocol("TCP").setPort(80)
                .setTargetPort(IntOrString.newBuilder().setType(0).setIntVal(8080).setStrVal(""))
                .setNodePort(0))
            .addPorts(V1.ServicePort.newBuilder().setName("dns").setProtocol("UDP").setPort(53)
                .setTargetPort(IntOrString.newBuilder().setType(1).setIntVal(0).setStrVal("dns"))
                .setNodePort(0))
            .putSelector("app", "svc1").setClusterIP("").setType("ClusterIP")
            .setSessionAffinity("").setHealthCheckNodePort(0).setPublishNotReadyAddresses(false))
        .setStatus(V1.ServiceStatus.newBuilder()
            .setLoadBalancer(V1.LoadBalancerStatus.getDefaultInstance()))
        .build();
    assertDecodes(envelope("v1", "Service", svc), """
        {"kind": "Service", "apiVersion": "v1",
         "metadata": {"name": "svc1", "namespace": "default", "creationTimestamp": null,
                      "labels": {"app": "svc1"}},
         "spec": {"ports": [{"name": "80-8080", "protocol": "TCP", "port": 80, "targetPort": 8080},
                            {"name": "dns", "protocol": "UDP", "port": 53, "targetPort": "dns"}],
                  "selector": {"app": "svc1"}, "type": "ClusterIP"},
         "status": {"loadBalancer": {}}}""");
  }

  @Test
  void timesAreRfc3339AndMicroTimeHasSixFractionalDigits() {
    V1.Event event = V1.Event.newBuilder()
        .setMetadata(meta("e1", "default").setCreationTimestamp(
            Meta.Time.newBuilder().setSeconds(1704164645L).setNanos(987654321)))
        .setInvolvedObject(V1.ObjectReference.newBuilder().setKind("Pod").setName("p"))
        .setReason("Started").setCount(3)
        .setFirstTimestamp(Meta.Time.newBuilder().setSeconds(0).setNanos(0))
        .setLastTimestamp(Meta.Time.getDefaultInstance())
        .setEventTime(Meta.MicroTime.newBuilder().setSeconds(1704164645L).setNanos(120000999))
        .build();
    assertDecodes(envelope("v1", "Event", event), """
        {"kind": "Event", "apiVersion": "v1",
         "metadata": {"name": "e1", "namespace": "default",
                      "creationTimestamp": "2024-01-02T03:04:05Z"},
         "involvedObject": {"kind": "Pod", "name": "p"},
         "reason": "Started",
         "firstTimestamp": "1970-01-01T00:00:00Z",
         "lastTimestamp": null,
         "count": 3,
         "eventTime": "2024-01-02T03:04:05.120000Z"}""");
  }

  @Test
  void podVolumesAndEnvSourcesInlineTheirEmbeddedStructs() {
    V1.PodSpec spec = V1.PodSpec.newBuilder()
        .addVolumes(V1.Volume.newBuilder().setName("cfg")
            .setVolumeSource(V1.VolumeSource.newBuilder().setConfigMap(
                V1.ConfigMapVolumeSource.newBuilder().setLocalObjectReference(
                    V1.LocalObjectReference.newBuilder().setName("cm1")))))
        .addContainers(V1.Container.newBuilder().setName("c").setImage("busybox")
            .addEnv(V1.EnvVar.newBuilder().setName("PASSWORD").setValue("")
                .setValueFrom(V1.EnvVarSource.newBuilder().setSecretKeyRef(V1.SecretKeySelector
                    .newBuilder().setKey("pw").setLocalObjectReference(
                        V1.LocalObjectReference.newBuilder().setName("s1")))))
            .setLivenessProbe(V1.Probe.newBuilder().setHandler(V1.ProbeHandler.newBuilder()
                .setHttpGet(V1.HTTPGetAction.newBuilder().setPath("/healthz")
                    .setPort(IntOrString.newBuilder().setType(0).setIntVal(8080))))
                .setPeriodSeconds(10)))
        .build();
    V1.Pod pod = V1.Pod.newBuilder().setMetadata(meta("p", "default")).setSpec(spec).build();
    assertDecodes(envelope("v1", "Pod", pod), """
        {"kind": "Pod", "apiVersion": "v1",
         "metadata": {"name": "p", "namespace": "default", "creationTimestamp": null},
         "spec": {
           "volumes": [{"name": "cfg", "configMap": {"name": "cm1"}}],
           "containers": [{"name": "c", "image": "busybox",
             "env": [{"name": "PASSWORD",
                      "valueFrom": {"secretKeyRef": {"name": "s1", "key": "pw"}}}],
             "livenessProbe": {"httpGet": {"path": "/healthz", "port": 8080},
                               "periodSeconds": 10}}]}}""");
  }
}
