package io.kubling.apiserver.protobuf;

import static io.kubling.apiserver.protobuf.KubectlStyle.assertDecodes;
import static io.kubling.apiserver.protobuf.KubectlStyle.bytes;
import static io.kubling.apiserver.protobuf.KubectlStyle.envelope;
import static io.kubling.apiserver.protobuf.KubectlStyle.meta;

import io.kubernetes.client.proto.IntStr.IntOrString;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Resource.Quantity;
import io.kubernetes.client.proto.Runtime.RawExtension;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Rbac;
import org.junit.jupiter.api.Test;

class AppsAndRbacTest {
  @Test
  void roleWithRules() {
    V1Rbac.Role role = V1Rbac.Role.newBuilder().setMetadata(meta("r1", "default"))
        .addRules(V1Rbac.PolicyRule.newBuilder().addVerbs("get").addVerbs("list")
            .addApiGroups("").addResources("pods").addResources("secrets"))
        .addRules(V1Rbac.PolicyRule.newBuilder().addVerbs("get").addApiGroups("apps")
            .addResources("deployments").addResourceNames("d1"))
        .build();
    assertDecodes(envelope("rbac.authorization.k8s.io/v1", "Role", role), """
        {"kind": "Role", "apiVersion": "rbac.authorization.k8s.io/v1",
         "metadata": {"name": "r1", "namespace": "default", "creationTimestamp": null},
         "rules": [{"verbs": ["get", "list"], "apiGroups": [""], "resources": ["pods", "secrets"]},
                   {"verbs": ["get"], "apiGroups": ["apps"], "resources": ["deployments"],
                    "resourceNames": ["d1"]}]}""");
  }

  @Test
  void roleBindingWithSubjectsAndRoleRef() {
    V1Rbac.RoleBinding rb = V1Rbac.RoleBinding.newBuilder().setMetadata(meta("rb1", "default"))
        .addSubjects(V1Rbac.Subject.newBuilder().setKind("User")
            .setApiGroup("rbac.authorization.k8s.io").setName("alice").setNamespace(""))
        .addSubjects(V1Rbac.Subject.newBuilder().setKind("ServiceAccount").setApiGroup("")
            .setName("sa1").setNamespace("default"))
        .setRoleRef(V1Rbac.RoleRef.newBuilder().setApiGroup("rbac.authorization.k8s.io")
            .setKind("Role").setName("r1"))
        .build();
    assertDecodes(envelope("rbac.authorization.k8s.io/v1", "RoleBinding", rb), """
        {"kind": "RoleBinding", "apiVersion": "rbac.authorization.k8s.io/v1",
         "metadata": {"name": "rb1", "namespace": "default", "creationTimestamp": null},
         "subjects": [{"kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": "alice"},
                      {"kind": "ServiceAccount", "name": "sa1", "namespace": "default"}],
         "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "r1"}}""");
  }

  @Test
  void deploymentKeepsPointerZerosAndDropsOmitemptyZeros() {
    V1.Container container = V1.Container.newBuilder().setName("nginx").setImage("nginx")
        .setWorkingDir("")
        .addPorts(V1.ContainerPort.newBuilder().setName("").setHostPort(0).setContainerPort(80)
            .setProtocol("").setHostIP(""))
        .setResources(V1.ResourceRequirements.newBuilder()
            .putLimits("memory", Quantity.newBuilder().setString("128Mi").build())
            .putRequests("cpu", Quantity.newBuilder().setString("250m").build()))
        .setTerminationMessagePath("").setImagePullPolicy("").setStdin(false).setStdinOnce(false)
        .setTty(false).setTerminationMessagePolicy("")
        .build();
    V1Apps.Deployment d = V1Apps.Deployment.newBuilder()
        .setMetadata(meta("d1", "default").putLabels("app", "d1"))
        .setSpec(V1Apps.DeploymentSpec.newBuilder()
            .setReplicas(0) // *int32: an explicit zero is kept
            .setSelector(Meta.LabelSelector.newBuilder().putMatchLabels("app", "d1"))
            .setTemplate(V1.PodTemplateSpec.newBuilder()
                .setMetadata(meta("", "").putLabels("app", "d1"))
                .setSpec(V1.PodSpec.newBuilder().addContainers(container).setRestartPolicy("")
                    .setDnsPolicy("").setServiceAccountName("").setHostNetwork(false)
                    .setSchedulerName("").setAutomountServiceAccountToken(false)))
            .setStrategy(V1Apps.DeploymentStrategy.newBuilder().setType("RollingUpdate")
                .setRollingUpdate(V1Apps.RollingUpdateDeployment.newBuilder()
                    .setMaxSurge(IntOrString.newBuilder().setType(1).setIntVal(0).setStrVal("25%"))
                    .setMaxUnavailable(IntOrString.newBuilder().setType(0).setIntVal(0)
                        .setStrVal(""))))
            .setMinReadySeconds(0).setRevisionHistoryLimit(10).setPaused(false)
            .setProgressDeadlineSeconds(600))
        .setStatus(V1Apps.DeploymentStatus.newBuilder().setObservedGeneration(0).setReplicas(0))
        .build();
    assertDecodes(envelope("apps/v1", "Deployment", d), """
        {"kind": "Deployment", "apiVersion": "apps/v1",
         "metadata": {"name": "d1", "namespace": "default", "creationTimestamp": null,
                      "labels": {"app": "d1"}},
         "spec": {
           "replicas": 0,
           "selector": {"matchLabels": {"app": "d1"}},
           "template": {
             "metadata": {"creationTimestamp": null, "labels": {"app": "d1"}},
             "spec": {
               "containers": [{"name": "nginx", "image": "nginx",
                 "ports": [{"containerPort": 80}],
                 "resources": {"limits": {"memory": "128Mi"}, "requests": {"cpu": "250m"}}}],
               "automountServiceAccountToken": false}},
           "strategy": {"type": "RollingUpdate",
                        "rollingUpdate": {"maxUnavailable": 0, "maxSurge": "25%"}},
           "revisionHistoryLimit": 10,
           "progressDeadlineSeconds": 600},
         "status": {}}""");
  }

  @Test
  void controllerRevisionEmbedsRawExtensionJson() {
    V1Apps.ControllerRevision rev = V1Apps.ControllerRevision.newBuilder()
        .setMetadata(meta("d1-1", "default"))
        .setData(RawExtension.newBuilder().setRaw(bytes("{\"spec\":{\"a\":[1,\"x\"]}}")))
        .setRevision(1L << 40)
        .build();
    assertDecodes(envelope("apps/v1", "ControllerRevision", rev), """
        {"kind": "ControllerRevision", "apiVersion": "apps/v1",
         "metadata": {"name": "d1-1", "namespace": "default", "creationTimestamp": null},
         "data": {"spec": {"a": [1, "x"]}},
         "revision": 1099511627776}""");
  }
}
