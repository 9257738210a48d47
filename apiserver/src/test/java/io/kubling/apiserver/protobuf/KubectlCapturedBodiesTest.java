package io.kubling.apiserver.protobuf;

import static io.kubling.apiserver.protobuf.KubectlStyle.assertDecodes;
import static io.kubling.apiserver.protobuf.KubectlStyle.bytes;
import static io.kubling.apiserver.protobuf.KubectlStyle.envelope;
import static io.kubling.apiserver.protobuf.KubectlStyle.meta;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Bodies kubectl v1.32.4 sent to a recording server; each must decode to the JSON that the same
 * command prints with --dry-run=client -o json.
 */
class KubectlCapturedBodiesTest {
  // kubectl create secret generic s1 --from-literal=a=hello --type=Opaque -n default
  private static final byte[] SECRET = Base64.getDecoder().decode(
      "azhzAAoMCgJ2MRIGU2VjcmV0Ei8KGQoCczESABoHZGVmYXVsdCIAKgAyADgAQgASCgoBYRIFaGVsbG8a"
      + "Bk9wYXF1ZRoAIgA=");
  // kubectl drain n1 --disable-eviction --grace-period=3 (deleting one pod)
  private static final byte[] DELETE_OPTIONS = Base64.getDecoder().decode(
      "azhzAAoTCgJ2MRINRGVsZXRlT3B0aW9ucxICCAMaACIA");

  @Test
  void createSecret() {
    assertDecodes(SECRET, """
        {"kind": "Secret", "apiVersion": "v1",
         "metadata": {"name": "s1", "namespace": "default", "creationTimestamp": null},
         "data": {"a": "aGVsbG8="}, "type": "Opaque"}""");
  }

  @Test
  void theBuildersOfTheOtherTestsWriteWhatKubectlWrites() {
    V1.Secret secret = V1.Secret.newBuilder().setMetadata(meta("s1", "default"))
        .putData("a", bytes("hello")).setType("Opaque").build();
    assertThat(envelope("v1", "Secret", secret)).isEqualTo(SECRET);
    Meta.DeleteOptions grace3 = Meta.DeleteOptions.newBuilder().setGracePeriodSeconds(3).build();
    assertThat(envelope("v1", "DeleteOptions", grace3)).isEqualTo(DELETE_OPTIONS);
  }

  @Test
  void drainDeleteOptionsUnderTheCoreGroupVersion() {
    assertDecodes(DELETE_OPTIONS, """
        {"kind": "DeleteOptions", "apiVersion": "v1", "gracePeriodSeconds": 3}""");
  }

  @Test
  void createDeploymentWithZeroReplicas() {
    // kubectl create deployment d1 --image=nginx --port=80 --replicas=0 -n default
    assertDecodes(Base64.getDecoder().decode("""
        azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50ErsBCiQKAmQxEgAaB2RlZmF1bHQiACoAMgA4AEIAWgkKA2FwcBIC\
        ZDEShAEIABILCgkKA2FwcBICZDEaawobCgASABoAIgAqADIAOABCAFoJCgNhcHASAmQxEkwSLgoFbmdpbngSBW5n\
        aW54KgAyCgoAEAAYUCIAKgBCAGoAcgCAAQCIAQCQAQCiAQAaADIAQgBKAFIAWABgAGgAggEAigEAmgEAwgEAIgIK\
        ACgAOAAaDAgAEAAYACAAKAA4ABoAIgA="""), """
        {"kind": "Deployment", "apiVersion": "apps/v1",
         "metadata": {"name": "d1", "namespace": "default", "creationTimestamp": null,
                      "labels": {"app": "d1"}},
         "spec": {"replicas": 0,
                  "selector": {"matchLabels": {"app": "d1"}},
                  "template": {"metadata": {"creationTimestamp": null, "labels": {"app": "d1"}},
                               "spec": {"containers": [{"name": "nginx", "image": "nginx",
                                                        "ports": [{"containerPort": 80}],
                                                        "resources": {}}]}},
                  "strategy": {}},
         "status": {}}""");
  }

  @Test
  void createRoleBinding() {
    // kubectl create rolebinding rb1 --role=r1 --user=alice --serviceaccount=default:sa1 -n default
    assertDecodes(Base64.getDecoder().decode("""
        azhzAAorChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEgtSb2xlQmluZGluZxKRAQoaCgNyYjESABoHZGVm\
        YXVsdCIAKgAyADgAQgASKgoEVXNlchIZcmJhYy5hdXRob3JpemF0aW9uLms4cy5pbxoFYWxpY2UiABIgCg5TZXJ2\
        aWNlQWNjb3VudBIAGgNzYTEiB2RlZmF1bHQaJQoZcmJhYy5hdXRob3JpemF0aW9uLms4cy5pbxIEUm9sZRoCcjEa\
        ACIA"""), """
        {"kind": "RoleBinding", "apiVersion": "rbac.authorization.k8s.io/v1",
         "metadata": {"name": "rb1", "namespace": "default", "creationTimestamp": null},
         "subjects": [{"kind": "User", "apiGroup": "rbac.authorization.k8s.io", "name": "alice"},
                      {"kind": "ServiceAccount", "name": "sa1", "namespace": "default"}],
         "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "r1"}}""");
  }
}
