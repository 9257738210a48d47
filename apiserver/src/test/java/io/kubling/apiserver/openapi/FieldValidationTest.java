package io.kubling.apiserver.openapi;

import static io.kubling.apiserver.validation.Trees.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.registry.Registry;
import io.kubling.apiserver.registry.ResourceType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldValidationTest {
  private static final Registry REGISTRY = Registry.builtin();
  private static final ResourceType PODS = REGISTRY.get("", "pods");

  private static final String POD = """
      {'apiVersion':'v1','kind':'Pod',
       'metadata':{'name':'p','namespace':'default','labels':{'app':'x','any-key/x':'y'},
         'annotations':{'note':'n'},'creationTimestamp':null,'finalizers':['f'],
         'ownerReferences':[{'apiVersion':'apps/v1','kind':'ReplicaSet','name':'r','uid':'u',
           'controller':true,'blockOwnerDeletion':true}]},
       'spec':{'nodeSelector':{'disk':'ssd'},'restartPolicy':'Always',
         'containers':[{'name':'c','image':'nginx','ports':[{'containerPort':80,'name':'http'}],
           'resources':{'limits':{'cpu':'100m','memory':1024},'requests':{'cpu':0.5}},
           'env':[{'name':'A','value':'1'},{'name':'B','valueFrom':{'secretKeyRef':
             {'name':'s','key':'k'}}}],
           'livenessProbe':{'httpGet':{'path':'/','port':'http'},'periodSeconds':5},
           'readinessProbe':{'tcpSocket':{'port':8080}}}],
         'volumes':[{'name':'v','configMap':{'name':'cm','items':[{'key':'a','path':'b'}]}},
           {'name':'e','emptyDir':{'sizeLimit':'1Gi'}}],
         'tolerations':[{'key':'k','operator':'Exists','effect':'NoSchedule'}]},
       'status':{'phase':'Pending','startTime':'2024-01-01T00:00:00Z','conditions':
         [{'type':'Ready','status':'True','lastTransitionTime':'2024-01-01T00:00:00Z'}]}}
      """;

  private static List<String> unknown(String kind, String group, String json) {
    return FieldValidation.unknownFields(json(json), group, "v1", kind);
  }

  @Test
  void validPodHasNoUnknownFields() {
    assertThat(unknown("Pod", "", POD)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "Deployment|apps|{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'d'},'spec':{'replicas':2,'selector':{'matchLabels':{'app':'x'}},'strategy':{'type':'RollingUpdate','rollingUpdate':{'maxSurge':'25%','maxUnavailable':1}},'template':{'metadata':{'labels':{'app':'x'}},'spec':{'containers':[{'name':'c','image':'nginx'}]}}}}",
      "Service||{'apiVersion':'v1','kind':'Service','metadata':{'name':'s'},'spec':{'type':'NodePort','selector':{'app':'x'},'ports':[{'name':'http','port':80,'targetPort':'http','nodePort':30080,'protocol':'TCP'},{'port':443,'targetPort':8443}],'sessionAffinity':'None'}}",
      "Secret||{'apiVersion':'v1','kind':'Secret','metadata':{'name':'s'},'type':'Opaque','data':{'a':'YQ=='},'stringData':{'b':'c'},'immutable':true}",
      "ConfigMap||{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'c'},'data':{'k':'v'},'binaryData':{'b':'YQ=='}}",
      "Lease|coordination.k8s.io|{'apiVersion':'coordination.k8s.io/v1','kind':'Lease','metadata':{'name':'l'},'spec':{'holderIdentity':'me','leaseDurationSeconds':15,'renewTime':'2024-01-01T00:00:00.000000Z'}}",
      "EndpointSlice|discovery.k8s.io|{'apiVersion':'discovery.k8s.io/v1','kind':'EndpointSlice','metadata':{'name':'e'},'addressType':'IPv4','endpoints':[{'addresses':['10.0.0.1'],'conditions':{'ready':true},'targetRef':{'kind':'Pod','name':'p'},'nodeName':'n'}],'ports':[{'name':'http','port':80,'protocol':'TCP'}]}",
      "ClusterRole|rbac.authorization.k8s.io|{'apiVersion':'rbac.authorization.k8s.io/v1','kind':'ClusterRole','metadata':{'name':'r'},'rules':[{'apiGroups':[''],'resources':['pods'],'verbs':['get']}],'aggregationRule':{'clusterRoleSelectors':[{'matchLabels':{'a':'b'}}]}}",
      "Node||{'apiVersion':'v1','kind':'Node','metadata':{'name':'n'},'spec':{'podCIDR':'10.0.0.0/24','taints':[{'key':'k','effect':'NoSchedule'}]},'status':{'capacity':{'cpu':'4','pods':110},'addresses':[{'type':'InternalIP','address':'1.2.3.4'}],'nodeInfo':{'kubeletVersion':'v1.32.0'}}}",
  })
  void validObjectsHaveNoUnknownFields(String kind, String group, String json) {
    assertThat(unknown(kind, group == null ? "" : group, json)).isEmpty();
  }

  @Test
  void findsUnknownFieldsAtDepthInDocumentOrder() {
    ObjectNode pod = json(POD);
    pod.put("extra", 1);
    ((ObjectNode) pod.path("metadata")).put("labelz", "x");
    ((ObjectNode) pod.path("spec").path("containers").get(0)).put("imagee", "nginx");
    ((ObjectNode) pod.path("spec").path("containers").get(0).path("ports").get(0))
        .put("hostPorts", 1);
    ((ObjectNode) pod.path("spec").path("volumes").get(0).path("configMap").path("items").get(0))
        .put("mode2", 1);
    ((ObjectNode) pod.path("spec").path("containers").get(0).path("livenessProbe")
        .path("httpGet")).putObject("scheme2").put("a", 1);
    assertThat(FieldValidation.unknownFields(pod, "", "v1", "Pod")).containsExactly(
        "metadata.labelz",
        "spec.containers[0].ports[0].hostPorts",
        "spec.containers[0].livenessProbe.httpGet.scheme2",
        "spec.containers[0].imagee",
        "spec.volumes[0].configMap.items[0].mode2",
        "extra");
  }

  @Test
  void deploymentTemplateIsCheckedAndCaseMatters() {
    assertThat(unknown("Deployment", "apps", "{'metadata':{'Name':'d'},'spec':{'template':"
        + "{'metadata':{'containers':[]},'spec':{'containers':[{'name':'c','Image':'x'}]}}}}"))
        .containsExactly("metadata.Name", "spec.template.metadata.containers",
            "spec.template.spec.containers[0].Image");
  }

  @Test
  void kindsWithoutSchemaAreNotChecked() {
    assertThat(unknown("Widget", "example.com", "{'spec':{'x':1}}")).isEmpty();
  }

  @Test
  void strictFailsAsKubernetesDoes() {
    ObjectNode pod = json("{'metadata':{'name':'p'},'spec':{'containers':"
        + "[{'name':'c','image':'x','imagee':'y'}],'foo':1}}");
    assertThatThrownBy(() -> FieldValidation.check(FieldValidationMode.STRICT, pod, PODS))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.reason()).isEqualTo("BadRequest");
          assertThat(e.getMessage()).isEqualTo("Pod in version \"v1\" cannot be handled as a"
              + " Pod: strict decoding error: unknown field \"spec.containers[0].imagee\","
              + " unknown field \"spec.foo\"");
        });
    assertThat(FieldValidation.check(FieldValidationMode.WARN, pod, PODS)).containsExactly(
        "unknown field \"spec.containers[0].imagee\"", "unknown field \"spec.foo\"");
    assertThat(FieldValidation.check(FieldValidationMode.IGNORE, pod, PODS)).isEmpty();
    assertThat(FieldValidation.check(FieldValidationMode.STRICT, json(POD), PODS)).isEmpty();
    assertThat(FieldValidation.warningHeader("unknown field \"spec.foo\""))
        .isEqualTo("299 - \"unknown field \\\"spec.foo\\\"\"");
  }

  @Test
  void strictPatchIsInvalidOnThePatch() {
    ObjectNode patched = json("{'metadata':{'name':'p'},'spec':{'foo':1}}");
    assertThatThrownBy(() -> FieldValidation.checkPatched(FieldValidationMode.STRICT, patched,
        PODS)).isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(422);
          assertThat(e.causes().get(0).field()).isEqualTo("patch");
          assertThat(e.getMessage()).endsWith(
              ": strict decoding error: unknown field \"spec.foo\"");
        });
  }

  @Test
  void pruneDropsWhatWarnReports() {
    ObjectNode pod = json("{'metadata':{'name':'p','x':1},'spec':{'containers':"
        + "[{'name':'c','image':'x','imagee':'y'}]}}");
    assertThat(FieldValidation.pruneUnknownFields(pod, "", "v1", "Pod"))
        .containsExactly("metadata.x", "spec.containers[0].imagee");
    assertThat(pod).isEqualTo(json("{'metadata':{'name':'p'},'spec':{'containers':"
        + "[{'name':'c','image':'x'}]}}"));
  }

  @Test
  void modes() {
    assertThat(FieldValidationMode.parse(null, "CreateOptions"))
        .isEqualTo(FieldValidationMode.WARN);
    assertThat(FieldValidationMode.parse("", "CreateOptions"))
        .isEqualTo(FieldValidationMode.WARN);
    assertThat(FieldValidationMode.parse("Strict", "CreateOptions"))
        .isEqualTo(FieldValidationMode.STRICT);
    assertThat(FieldValidationMode.parse("Ignore", "PatchOptions"))
        .isEqualTo(FieldValidationMode.IGNORE);
    assertThatThrownBy(() -> FieldValidationMode.parse("strict", "CreateOptions"))
        .isInstanceOfSatisfying(ApiException.class, e -> {
          assertThat(e.code()).isEqualTo(422);
          assertThat(e.getMessage()).isEqualTo("CreateOptions.meta.k8s.io \"\" is invalid:"
              + " fieldValidation: Unsupported value: \"strict\": supported values: \"\","
              + " \"Ignore\", \"Strict\", \"Warn\"");
        });
  }
}
