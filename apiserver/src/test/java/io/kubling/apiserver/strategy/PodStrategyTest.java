package io.kubling.apiserver.strategy;

import static io.kubling.apiserver.strategy.Flow.createErrors;
import static io.kubling.apiserver.strategy.Flow.created;
import static io.kubling.apiserver.strategy.Flow.node;
import static io.kubling.apiserver.validation.Trees.json;
import static io.kubling.apiserver.validation.Trees.messages;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PodStrategyTest {
  static final PodStrategy S = PodStrategy.INSTANCE;

  static String pod(String spec) {
    return "{'metadata':{'name':'p','namespace':'default'},'spec':" + spec + "}";
  }

  static String containers(String containers) {
    return pod("{'containers':" + containers + "}");
  }

  @Test
  void appliesPodSpecDefaults() {
    ObjectNode obj = created(S,
        containers("[{'name':'web','image':'nginx','ports':[{'containerPort':80}]}]"));
    assertThat(obj.get("spec")).isEqualTo(json("{'containers':[{'name':'web','image':'nginx',"
        + "'ports':[{'containerPort':80,'protocol':'TCP'}],'imagePullPolicy':'Always',"
        + "'terminationMessagePath':'/dev/termination-log','terminationMessagePolicy':'File'}],"
        + "'dnsPolicy':'ClusterFirst','restartPolicy':'Always','securityContext':{},"
        + "'terminationGracePeriodSeconds':30,'schedulerName':'default-scheduler',"
        + "'enableServiceLinks':true}"));
  }

  @Test
  void keepsWhatTheClientSet() {
    ObjectNode obj = created(S, pod("{'restartPolicy':'Never','dnsPolicy':'Default',"
        + "'terminationGracePeriodSeconds':0,'enableServiceLinks':false,'containers':[{'name':"
        + "'c','image':'busybox','imagePullPolicy':'Never'}]}"));
    assertThat(obj.get("spec").get("restartPolicy").asText()).isEqualTo("Never");
    assertThat(obj.get("spec").get("dnsPolicy").asText()).isEqualTo("Default");
    assertThat(obj.get("spec").get("terminationGracePeriodSeconds").asInt()).isZero();
    assertThat(obj.get("spec").get("enableServiceLinks").asBoolean()).isFalse();
    assertThat(node(obj, "spec", "containers", 0).get("imagePullPolicy").asText())
        .isEqualTo("Never");
  }

  @ParameterizedTest
  @CsvSource({"nginx,Always", "nginx:latest,Always", "nginx:1.25,IfNotPresent",
      "localhost:5000/nginx,Always", "localhost:5000/nginx:1.25,IfNotPresent",
      "nginx@sha256:0123,IfNotPresent", "nginx:latest@sha256:0123,Always", "'',IfNotPresent"})
  void imagePullPolicyFollowsTheTag(String image, String policy) {
    assertThat(PodSpecDefaults.pullPolicyFor(image)).isEqualTo(policy);
  }

  @Test
  void defaultsProbesVolumesAndHostNetworkPorts() {
    ObjectNode obj = created(S, pod("{'hostNetwork':true,'volumes':[{'name':'cfg','configMap':"
        + "{'name':'c'}}],'containers':[{'name':'c','image':'i','ports':[{'containerPort':8080}],"
        + "'livenessProbe':{'httpGet':{'port':8080}}}]}"));
    assertThat(node(obj, "spec", "volumes", 0, "configMap").get("defaultMode").asInt())
        .isEqualTo(420);
    assertThat(node(obj, "spec", "containers", 0, "ports", 0).get("hostPort").asInt())
        .isEqualTo(8080);
    assertThat(node(obj, "spec", "containers", 0, "livenessProbe")).isEqualTo(json(
        "{'httpGet':{'port':8080,'path':'/','scheme':'HTTP'},'timeoutSeconds':1,"
            + "'periodSeconds':10,'successThreshold':1,'failureThreshold':3}"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "[{'name':'a','image':'i'}]|BestEffort",
      "[{'name':'a','image':'i','resources':{'limits':{'cpu':'1','memory':'1Gi'}}}]|Guaranteed",
      "[{'name':'a','image':'i','resources':{'limits':{'cpu':'1','memory':'1Gi'},'requests':"
          + "{'cpu':'1000m','memory':'1024Mi'}}}]|Guaranteed",
      "[{'name':'a','image':'i','resources':{'requests':{'cpu':'100m'}}}]|Burstable",
      "[{'name':'a','image':'i','resources':{'limits':{'cpu':'1','memory':'1Gi'},'requests':"
          + "{'cpu':'500m'}}}]|Burstable",
      "[{'name':'a','image':'i','resources':{'limits':{'cpu':'1','memory':'1Gi'}}},"
          + "{'name':'b','image':'i'}]|Burstable",
      "[{'name':'a','image':'i','resources':{'requests':{'cpu':'0'}}}]|BestEffort"})
  void createSetsPendingAndTheQosClass(String containers, String qos) {
    ObjectNode obj = created(S, containers(containers).replace("'spec':", "'status':{'phase':"
        + "'Running'},'spec':"));
    assertThat(obj.get("status")).isEqualTo(json("{'phase':'Pending','qosClass':'" + qos + "'}"));
  }

  static final String LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case"
      + " alphanumeric characters or '-', and must start and end with an alphanumeric character"
      + " (e.g. 'my-name',  or '123-abc', regex used for validation is"
      + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

  static Stream<Arguments> invalidPods() {
    return Stream.of(
        Arguments.of("no containers", pod("{}"), List.of("spec.containers: Required value")),
        Arguments.of("unnamed container", containers("[{'image':'i'}]"),
            List.of("spec.containers[0].name: Required value")),
        Arguments.of("bad container name", containers("[{'name':'Web','image':'i'}]"),
            List.of("spec.containers[0].name: Invalid value: \"Web\": " + LABEL_MSG)),
        Arguments.of("duplicate container", containers("[{'name':'a','image':'i'},"
            + "{'name':'a','image':'i'}]"), List.of("spec.containers[1].name: Duplicate value:"
            + " \"a\"")),
        Arguments.of("init container clashes", pod("{'containers':[{'name':'a','image':'i'}],"
            + "'initContainers':[{'name':'a','image':'i'}]}"),
            List.of("spec.initContainers[0].name: Duplicate value: \"a\"")),
        Arguments.of("no image", containers("[{'name':'a'}]"),
            List.of("spec.containers[0].image: Required value")),
        Arguments.of("image with spaces", containers("[{'name':'a','image':' nginx'}]"),
            List.of("spec.containers[0].image: Invalid value: \" nginx\": must not have leading"
                + " or trailing whitespace")),
        Arguments.of("container port 0", containers("[{'name':'a','image':'i','ports':"
            + "[{'containerPort':0}]}]"),
            List.of("spec.containers[0].ports[0].containerPort: Required value")),
        Arguments.of("container port too big", containers("[{'name':'a','image':'i','ports':"
            + "[{'containerPort':70000}]}]"), List.of("spec.containers[0].ports[0]"
            + ".containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive")),
        Arguments.of("container port not a number", containers("[{'name':'a','image':'i',"
            + "'ports':[{'containerPort':'80'}]}]"), List.of(
            "spec.containers[0].ports[0].containerPort: Invalid value: \"80\": must be of type"
                + " integer", "spec.containers[0].ports[0].containerPort: Required value")),
        Arguments.of("unknown protocol", containers("[{'name':'a','image':'i','ports':"
            + "[{'containerPort':80,'protocol':'HTTP'}]}]"), List.of("spec.containers[0].ports[0]"
            + ".protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\","
            + " \"UDP\"")),
        Arguments.of("duplicate port name", containers("[{'name':'a','image':'i','ports':"
            + "[{'name':'http','containerPort':80},{'name':'http','containerPort':81}]}]"),
            List.of("spec.containers[0].ports[1].name: Duplicate value: \"http\"")),
        Arguments.of("unknown pull policy", containers("[{'name':'a','image':'i',"
            + "'imagePullPolicy':'Sometimes'}]"), List.of("spec.containers[0].imagePullPolicy:"
            + " Unsupported value: \"Sometimes\": supported values: \"Always\", \"IfNotPresent\","
            + " \"Never\"")),
        Arguments.of("unnamed env var", containers("[{'name':'a','image':'i','env':"
            + "[{'value':'x'}]}]"), List.of("spec.containers[0].env[0].name: Required value")),
        Arguments.of("mount of a missing volume", containers("[{'name':'a','image':'i',"
            + "'volumeMounts':[{'name':'data','mountPath':'/d'}]}]"),
            List.of("spec.containers[0].volumeMounts[0].name: Not found: \"data\"")),
        Arguments.of("volume without source", pod("{'volumes':[{'name':'data'}],'containers':"
            + "[{'name':'a','image':'i'}]}"),
            List.of("spec.volumes[0]: Required value: must specify a volume type")),
        Arguments.of("request above limit", containers("[{'name':'a','image':'i','resources':"
            + "{'limits':{'cpu':'1'},'requests':{'cpu':'2'}}}]"),
            List.of("spec.containers[0].resources.requests: Invalid value: \"2\": must be less"
                + " than or equal to cpu limit of 1")),
        Arguments.of("bad quantity", containers("[{'name':'a','image':'i','resources':"
            + "{'requests':{'memory':'1GB'}}}]"), List.of("spec.containers[0].resources"
            + ".requests[memory]: Invalid value: \"1GB\": quantities must match the regular"
            + " expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'")),
        Arguments.of("unknown restart policy", pod("{'restartPolicy':'Sometimes','containers':"
            + "[{'name':'a','image':'i'}]}"), List.of("spec.restartPolicy: Unsupported value:"
            + " \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"")),
        Arguments.of("unknown dns policy", pod("{'dnsPolicy':'Google','containers':"
            + "[{'name':'a','image':'i'}]}"), List.of("spec.dnsPolicy: Unsupported value:"
            + " \"Google\": supported values: \"ClusterFirstWithHostNet\", \"ClusterFirst\","
            + " \"Default\", \"None\"")),
        Arguments.of("dns policy None without config", pod("{'dnsPolicy':'None','containers':"
            + "[{'name':'a','image':'i'}]}"), List.of("spec.dnsConfig: Required value: must"
            + " provide `dnsConfig` when `dnsPolicy` is None")),
        Arguments.of("zero deadline", pod("{'activeDeadlineSeconds':0,'containers':"
            + "[{'name':'a','image':'i'}]}"), List.of("spec.activeDeadlineSeconds: Invalid"
            + " value: 0: must be between 1 and 2147483647, inclusive")),
        Arguments.of("bad node name", pod("{'nodeName':'Node_1','containers':"
            + "[{'name':'a','image':'i'}]}"), List.of("spec.nodeName: Invalid value: \"Node_1\":"
            + " a lowercase RFC 1123 subdomain must consist of lower case alphanumeric"
            + " characters, '-' or '.', and must start and end with an alphanumeric character"
            + " (e.g. 'example.com', regex used for validation is"
            + " '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")),
        Arguments.of("host network port mismatch", pod("{'hostNetwork':true,'containers':"
            + "[{'name':'a','image':'i','ports':[{'containerPort':80,'hostPort':8080}]}]}"),
            List.of("spec.containers[0].ports[0].hostPort: Invalid value: 8080: must match"
                + " `containerPort` when `hostNetwork` is true")),
        Arguments.of("toleration operator", pod("{'tolerations':[{'key':'k','operator':"
            + "'Maybe'}],'containers':[{'name':'a','image':'i'}]}"), List.of("spec.tolerations[0]"
            + ".operator: Unsupported value: \"Maybe\": supported values: \"Equal\","
            + " \"Exists\"")),
        Arguments.of("toleration without key", pod("{'tolerations':[{'operator':'Equal'}],"
            + "'containers':[{'name':'a','image':'i'}]}"), List.of("spec.tolerations[0]"
            + ".operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty,"
            + " which means \"match all values and all keys\"")),
        Arguments.of("toleration seconds", pod("{'tolerations':[{'key':'k','operator':'Exists',"
            + "'effect':'NoSchedule','tolerationSeconds':5}],'containers':[{'name':'a','image':"
            + "'i'}]}"), List.of("spec.tolerations[0].effect: Invalid value: \"NoSchedule\":"
            + " effect must be 'NoExecute' when `tolerationSeconds` is set")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidPods")
  void validate(String name, String pod, List<String> expected) {
    assertThat(createErrors(S, pod)).containsExactlyElementsOf(expected);
  }

  @Test
  void aValidPodHasNoErrors() {
    assertThat(createErrors(S, pod("{'volumes':[{'name':'data','emptyDir':{}}],'tolerations':"
        + "[{'operator':'Exists'}],'containers':[{'name':'web','image':'nginx','ports':[{'name':"
        + "'http','containerPort':80}],'volumeMounts':[{'name':'data','mountPath':'/d'}],"
        + "'resources':{'limits':{'cpu':'1'},'requests':{'cpu':'500m'}}}]}"))).isEmpty();
  }
}
