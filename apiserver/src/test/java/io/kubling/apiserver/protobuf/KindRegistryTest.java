package io.kubling.apiserver.protobuf;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Message;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KindRegistryTest {
  @ParameterizedTest
  @CsvSource({
      "k8s.io.api.core.v1, v1",
      "k8s.io.api.apps.v1, apps/v1",
      "k8s.io.api.rbac.v1, rbac.authorization.k8s.io/v1",
      "k8s.io.api.policy.v1, policy/v1",
      "k8s.io.api.networking.v1, networking.k8s.io/v1",
      "k8s.io.api.autoscaling.v2beta2, autoscaling/v2beta2",
      "k8s.io.api.flowcontrol.v1, flowcontrol.apiserver.k8s.io/v1",
      "k8s.io.api.apiserverinternal.v1alpha1, internal.apiserver.k8s.io/v1alpha1",
      "k8s.io.api.coordination.v1, coordination.k8s.io/v1",
      "k8s.io.apimachinery.pkg.apis.meta.v1, meta.k8s.io/v1"})
  void apiVersionOfAProtoPackage(String protoPackage, String apiVersion) {
    assertThat(KindRegistry.apiVersion(protoPackage)).isEqualTo(apiVersion);
  }

  @Test
  void packagesThatAreNotApiGroupsHaveNoApiVersion() {
    assertThat(KindRegistry.apiVersion("k8s.io.apimachinery.pkg.util.intstr")).isNull();
    assertThat(KindRegistry.apiVersion(
        "k8s.io.apiextensions_apiserver.pkg.apis.apiextensions.v1beta1")).isNull();
  }

  @Test
  void findsEveryKindOfTheScannedSchema() {
    KindRegistry registry = KindRegistry.instance();
    assertThat(registry.size()).isGreaterThan(700);
    for (List<String> k : List.of(List.of("v1", "Secret"), List.of("apps/v1", "StatefulSet"),
        List.of("batch/v1", "CronJob"), List.of("rbac.authorization.k8s.io/v1", "ClusterRole"),
        List.of("networking.k8s.io/v1", "Ingress"),
        List.of("scheduling.k8s.io/v1", "PriorityClass"),
        List.of("certificates.k8s.io/v1", "CertificateSigningRequest"),
        List.of("authentication.k8s.io/v1", "TokenRequest"),
        List.of("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration"),
        List.of("extensions/v1beta1", "Ingress"), List.of("apps/v1", "DeleteOptions"))) {
      Message m = registry.lookup(k.get(0), k.get(1));
      assertThat(m.getDescriptorForType().getName()).isEqualTo(k.get(1));
    }
  }

  /**
   * The Go rules name real fields, so that a renamed or moved field can't go unnoticed; the rules
   * come from Go types newer than client-java-proto's schema, whose fields are listed here.
   */
  @Test
  void everyGoRuleOfAKnownMessageNamesOneOfItsFields() {
    Set<String> newerThanTheSchema = Set.of("k8s.io.api.core.v1.ResourceClaim request");
    Map<String, Descriptor> messages = KindRegistry.instance().descriptors();
    Set<String> missing = new TreeSet<>();
    int checked = 0;
    for (String key : GoJsonFields.INSTANCE.rules().keySet()) {
      String[] p = key.split(" ");
      Descriptor d = messages.get(p[0]);
      if (d != null) {
        checked++;
        if (d.findFieldByName(p[1]) == null) {
          missing.add(key);
        }
      }
    }
    assertThat(missing).isEqualTo(newerThanTheSchema);
    assertThat(checked).isGreaterThan(500);
  }
}
