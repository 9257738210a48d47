package io.kubling.apiserver.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The admission's decisions, with accounts looked up in a map instead of the store. */
class ServiceAccountAdmissionTest {
  static final Map<String, String> ACCOUNTS = Map.of(
      "team/default", "{'metadata':{'name':'default'}}",
      "team/quiet", "{'metadata':{'name':'quiet'},'automountServiceAccountToken':false}",
      "team/puller", "{'metadata':{'name':'puller'},'imagePullSecrets':[{'name':'regcred'}]}");

  static JsonNode j(String relaxed) {
    return Json.parseObject(relaxed.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
  }

  static ServiceAccountAdmission admission(boolean require, boolean mount) {
    return new ServiceAccountAdmission(new ServiceAccountAdmission.Options(require, mount),
        (ns, name) -> CompletableFuture.completedFuture(
            Optional.ofNullable(ACCOUNTS.get(ns + "/" + name)).map(ServiceAccountAdmissionTest::j)));
  }

  static ObjectNode admitted(ServiceAccountAdmission a, String pod) {
    ObjectNode p = (ObjectNode) j(pod);
    a.admit(p, "team").join();
    return p;
  }

  @Test
  void aPodWithoutAccountRunsAsDefaultAndGetsTheTokenInEveryContainer() {
    ObjectNode pod = admitted(admission(true, true), "{'metadata':{'name':'p'},'spec':{"
        + "'initContainers':[{'name':'i','image':'busybox'}],"
        + "'containers':[{'name':'a','image':'nginx'},{'name':'b','image':'nginx',"
        + "'volumeMounts':[{'name':'data','mountPath':'/data'}]}],"
        + "'volumes':[{'name':'data','emptyDir':{}}]}}");
    JsonNode spec = pod.get("spec");
    assertThat(spec.path("serviceAccountName").asText()).isEqualTo("default");
    assertThat(spec.path("serviceAccount").asText()).isEqualTo("default");
    JsonNode volume = spec.path("volumes").get(1);
    String name = volume.path("name").asText();
    assertThat(name).matches("kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}");
    // As text: the volume holds long numbers, parsed JSON int ones.
    assertThat(volume.toString()).isEqualTo(j("{'name':'" + name + "','projected':{'sources':["
        + "{'serviceAccountToken':{'expirationSeconds':3607,'path':'token'}},"
        + "{'configMap':{'name':'kube-root-ca.crt','items':[{'key':'ca.crt','path':'ca.crt'}]}},"
        + "{'downwardAPI':{'items':[{'fieldRef':{'apiVersion':'v1',"
        + "'fieldPath':'metadata.namespace'},'path':'namespace'}]}}],'defaultMode':420}}").toString());
    JsonNode mount = j("{'name':'" + name + "','readOnly':true,"
        + "'mountPath':'/var/run/secrets/kubernetes.io/serviceaccount'}");
    assertThat(spec.at("/initContainers/0/volumeMounts/0")).isEqualTo(mount);
    assertThat(spec.at("/containers/0/volumeMounts/0")).isEqualTo(mount);
    assertThat(spec.at("/containers/1/volumeMounts/1")).isEqualTo(mount);
  }

  @ParameterizedTest(name = "account {0}, pod automount {1} -> mounted {2}")
  @CsvSource({
      "default, , true",
      "default, false, false",
      "quiet, , false",
      "quiet, true, true",
      "missing, , true",
  })
  void automountFollowsThePodThenTheAccount(String account, Boolean podAutomount,
      boolean mounted) {
    ObjectNode pod = (ObjectNode) j("{'metadata':{'name':'p'},'spec':{'serviceAccountName':'"
        + account + "','containers':[{'name':'a','image':'nginx'}]}}");
    if (podAutomount != null) {
      ((ObjectNode) pod.get("spec")).put("automountServiceAccountToken", podAutomount);
    }
    admission(false, true).admit(pod, "team").join();
    assertThat(pod.at("/spec/volumes").size()).isEqualTo(mounted ? 1 : 0);
    assertThat(pod.at("/spec/containers/0/volumeMounts").size()).isEqualTo(mounted ? 1 : 0);
  }

  @Test
  void aContainerThatMountsTheTokenPathItselfKeepsItsOwnAndAnExistingVolumeIsReused() {
    ObjectNode pod = admitted(admission(false, true), "{'metadata':{'name':'p'},'spec':{"
        + "'containers':[{'name':'a','image':'nginx','volumeMounts':[{'name':'mine',"
        + "'mountPath':'/var/run/secrets/kubernetes.io/serviceaccount'}]},"
        + "{'name':'b','image':'nginx'}],"
        + "'volumes':[{'name':'mine','emptyDir':{}},{'name':'kube-api-access-abcde',"
        + "'projected':{'sources':[]}}]}}");
    assertThat(pod.at("/spec/containers/0/volumeMounts").size()).isEqualTo(1);
    assertThat(pod.at("/spec/containers/1/volumeMounts/0/name").asText())
        .isEqualTo("kube-api-access-abcde");
    assertThat(pod.at("/spec/volumes").size()).isEqualTo(2);
  }

  @Test
  void aMissingAccountIsForbiddenWhenRequiredAndImagePullSecretsComeFromTheAccount() {
    assertThatThrownBy(() -> admitted(admission(true, true), "{'metadata':{'name':'p'},"
        + "'spec':{'serviceAccountName':'nobody','containers':[{'name':'a','image':'x'}]}}"))
        .isInstanceOf(CompletionException.class).cause()
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(403);
          assertThat(e.getMessage()).isEqualTo("pods \"p\" is forbidden: error looking up"
              + " service account team/nobody: serviceaccount \"nobody\" not found");
        });
    ObjectNode pod = admitted(admission(true, false), "{'metadata':{'name':'p'},"
        + "'spec':{'serviceAccount':'puller','containers':[{'name':'a','image':'x'}]}}");
    assertThat(pod.at("/spec/serviceAccountName").asText()).isEqualTo("puller");
    assertThat(pod.at("/spec/imagePullSecrets/0/name").asText()).isEqualTo("regcred");
    assertThat(pod.at("/spec/volumes").isMissingNode()).isTrue();
  }

  /** The ServiceAccount controller makes default a moment after its namespace: wait for it. */
  @Test
  void aMissingDefaultAccountIsWaitedForBriefly() {
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    ServiceAccountAdmission appearing = new ServiceAccountAdmission(
        new ServiceAccountAdmission.Options(true, false), (ns, name) ->
        CompletableFuture.completedFuture(calls.incrementAndGet() < 3 ? Optional.empty()
            : Optional.of(j("{'metadata':{'name':'default'}}"))));
    admitted(appearing, "{'metadata':{'name':'p'},'spec':{'containers':[{'name':'a',"
        + "'image':'x'}]}}");
    assertThat(calls.get()).isEqualTo(3);

    calls.set(0);
    ServiceAccountAdmission never = new ServiceAccountAdmission(
        new ServiceAccountAdmission.Options(true, false), (ns, name) -> {
          calls.incrementAndGet();
          return CompletableFuture.completedFuture(Optional.empty());
        });
    assertThatThrownBy(() -> admitted(never, "{'metadata':{'name':'p'},'spec':{"
        + "'containers':[{'name':'a','image':'x'}]}}")).cause()
        .hasMessageContaining("serviceaccount \"default\" not found");
    assertThat(calls.get()).isEqualTo(10);
    calls.set(0);
    assertThatThrownBy(() -> admitted(never, "{'metadata':{'name':'p'},'spec':{"
        + "'serviceAccountName':'other','containers':[{'name':'a','image':'x'}]}}")).cause()
        .hasMessageContaining("serviceaccount \"other\" not found");
    assertThat(calls.get()).isEqualTo(1);
  }

  @Test
  void withoutAuthenticationOrSigningKeyOnlyTheNameIsDefaulted() {
    ObjectNode pod = admitted(admission(false, false), "{'metadata':{'name':'p'},"
        + "'spec':{'serviceAccountName':'nobody','containers':[{'name':'a','image':'x'}]}}");
    assertThat(pod.at("/spec/serviceAccount").asText()).isEqualTo("nobody");
    assertThat(pod.at("/spec/volumes").isMissingNode()).isTrue();
  }

  @Test
  void mirrorPodsAreLeftAloneButMayNotNameAnAccount() {
    String mirror = "{'metadata':{'name':'m','annotations':{'kubernetes.io/config.mirror':'h'}},"
        + "'spec':{%s'containers':[{'name':'a','image':'x'}]}}";
    ObjectNode pod = admitted(admission(true, true), mirror.formatted(""));
    assertThat(pod.at("/spec/serviceAccountName").isMissingNode()).isTrue();
    assertThat(pod.at("/spec/volumes").isMissingNode()).isTrue();
    assertThatThrownBy(() -> admitted(admission(true, true),
        mirror.formatted("'serviceAccountName':'default',")))
        .cause().hasMessageContaining("a mirror pod may not reference service accounts");
  }
}
