package io.kubling.apiserver.strategy;

import static io.kubling.apiserver.strategy.Flow.createErrors;
import static io.kubling.apiserver.strategy.Flow.created;
import static io.kubling.apiserver.strategy.Flow.node;
import static io.kubling.apiserver.strategy.Flow.updateErrors;
import static io.kubling.apiserver.strategy.Flow.updated;
import static io.kubling.apiserver.validation.Trees.json;
import static io.kubling.apiserver.validation.Trees.messages;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorkloadStrategiesTest {
  static final String TEMPLATE_SPEC = "{'containers':[{'name':'web','image':'nginx:1.25'}]}";
  static final String DEFAULTED_TEMPLATE_SPEC = "{'containers':[{'name':'web','image':"
      + "'nginx:1.25','imagePullPolicy':'IfNotPresent','terminationMessagePath':"
      + "'/dev/termination-log','terminationMessagePolicy':'File'}],'dnsPolicy':'ClusterFirst',"
      + "'restartPolicy':'Always','securityContext':{},'terminationGracePeriodSeconds':30,"
      + "'schedulerName':'default-scheduler'}";
  static final String MISMATCH = "spec.template.metadata.labels: Invalid value:"
      + " map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`";

  /** A workload whose spec gets {@code extra} fields and template spec {@code templateSpec}. */
  static String workload(String extra, String templateSpec) {
    return "{'metadata':{'name':'web','namespace':'default'},'spec':{" + extra
        + "'template':{'metadata':{'labels':{'app':'web'}},'spec':" + templateSpec + "}}}";
  }

  static String selected(String extra) {
    return workload("'selector':{'matchLabels':{'app':'web'}}," + extra, TEMPLATE_SPEC);
  }

  @Test
  void deploymentDefaults() {
    ObjectNode obj = created(DeploymentStrategy.INSTANCE, selected(""));
    ObjectNode spec = node(obj, "spec");
    assertThat(spec.get("replicas").asInt()).isEqualTo(1);
    assertThat(spec.get("strategy")).isEqualTo(json("{'type':'RollingUpdate','rollingUpdate':"
        + "{'maxUnavailable':'25%','maxSurge':'25%'}}"));
    assertThat(spec.get("revisionHistoryLimit").asInt()).isEqualTo(10);
    assertThat(spec.get("progressDeadlineSeconds").asInt()).isEqualTo(600);
    assertThat(node(spec, "template", "spec")).isEqualTo(json(DEFAULTED_TEMPLATE_SPEC));
    assertThat(obj.get("status")).isEqualTo(json("{}"));
  }

  @Test
  void recreateDeploymentsGetNoRollingUpdate() {
    ObjectNode obj = created(DeploymentStrategy.INSTANCE, selected("'strategy':{'type':"
        + "'Recreate'},"));
    assertThat(node(obj, "spec", "strategy")).isEqualTo(json("{'type':'Recreate'}"));
  }

  @Test
  void replicaSetAndDaemonSetDefaults() {
    ObjectNode rs = created(ReplicaSetStrategy.INSTANCE, selected(""));
    assertThat(rs.get("spec").get("replicas").asInt()).isEqualTo(1);
    assertThat(node(rs, "spec", "template", "spec")).isEqualTo(json(DEFAULTED_TEMPLATE_SPEC));
    assertThat(rs.get("status")).isEqualTo(json("{'replicas':0}"));

    ObjectNode ds = created(DaemonSetStrategy.INSTANCE, selected(""));
    assertThat(ds.get("spec").get("updateStrategy")).isEqualTo(json("{'type':'RollingUpdate',"
        + "'rollingUpdate':{'maxUnavailable':1,'maxSurge':0}}"));
    assertThat(ds.get("spec").get("revisionHistoryLimit").asInt()).isEqualTo(10);
    assertThat(ds.get("spec").has("replicas")).isFalse();
    assertThat(ds.get("status")).isEqualTo(json("{'currentNumberScheduled':0,"
        + "'numberMisscheduled':0,'desiredNumberScheduled':0,'numberReady':0}"));
  }

  static final String EMPTY_SELECTOR = "spec.selector: Invalid value: v1.LabelSelector{"
      + "MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}:"
      + " empty selector is invalid for ";

  static Stream<Arguments> invalidDeployments() {
    return Stream.of(
        Arguments.of("valid", selected(""), List.of()),
        Arguments.of("no selector", workload("", TEMPLATE_SPEC),
            List.of("spec.selector: Required value", MISMATCH)),
        Arguments.of("selector not matching", workload("'selector':{'matchLabels':{'app':"
            + "'db'}},", TEMPLATE_SPEC), List.of(MISMATCH)),
        Arguments.of("empty selector", workload("'selector':{},", TEMPLATE_SPEC),
            List.of(EMPTY_SELECTOR + "deployment")),
        Arguments.of("bad selector", workload("'selector':{'matchExpressions':[{'key':'app',"
            + "'operator':'In'}]},", TEMPLATE_SPEC), List.of("spec.selector.matchExpressions[0]"
            + ".values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
            "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil),"
                + " MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{"
                + "Key:\"app\", Operator:\"In\", Values:[]string(nil)}}}: invalid label"
                + " selector")),
        Arguments.of("negative replicas", selected("'replicas':-1,"),
            List.of("spec.replicas: Invalid value: -1: must be greater than or equal to 0")),
        Arguments.of("no containers", workload("'selector':{'matchLabels':{'app':'web'}},",
            "{}"), List.of("spec.template.spec.containers: Required value")),
        Arguments.of("pods that do not restart", workload("'selector':{'matchLabels':"
            + "{'app':'web'}},", "{'restartPolicy':'Never','containers':[{'name':'a','image':"
            + "'i'}]}"), List.of("spec.template.spec.restartPolicy: Unsupported value:"
            + " \"Never\": supported values: \"Always\"")),
        Arguments.of("pods with a deadline", workload("'selector':{'matchLabels':"
            + "{'app':'web'}},", "{'activeDeadlineSeconds':5,'containers':[{'name':'a','image':"
            + "'i'}]}"), List.of("spec.template.spec.activeDeadlineSeconds: Forbidden:"
            + " activeDeadlineSeconds in ReplicaSet is not Supported")),
        Arguments.of("bad template label", selected("").replace("{'app':'web'}},'spec'",
            "{'app':'web','x':'a b'}},'spec'"), List.of("spec.template.labels: Invalid value:"
            + " \"a b\": a valid label must be an empty string or consist of alphanumeric"
            + " characters, '-', '_' or '.', and must start and end with an alphanumeric"
            + " character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for"
            + " validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')")),
        Arguments.of("recreate with rollingUpdate", selected("'strategy':{'type':'Recreate',"
            + "'rollingUpdate':{}},"), List.of("spec.strategy.rollingUpdate: Forbidden: may not"
            + " be specified when strategy `type` is 'Recreate'")),
        Arguments.of("unknown strategy", selected("'strategy':{'type':'BlueGreen'},"),
            List.of("spec.strategy: Unsupported value: apps.DeploymentStrategy{Type:"
                + "\"BlueGreen\", RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}: supported"
                + " values: \"Recreate\", \"RollingUpdate\"")),
        Arguments.of("nothing may move", selected("'strategy':{'rollingUpdate':"
            + "{'maxUnavailable':0,'maxSurge':0}},"), List.of("spec.strategy.rollingUpdate"
            + ".maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0")),
        Arguments.of("over 100%", selected("'strategy':{'rollingUpdate':"
            + "{'maxUnavailable':'110%'}},"), List.of("spec.strategy.rollingUpdate"
            + ".maxUnavailable: Invalid value: 110%: must not be greater than 100%")),
        Arguments.of("not a percentage", selected("'strategy':{'rollingUpdate':"
            + "{'maxSurge':'x'}},"), List.of("spec.strategy.rollingUpdate.maxSurge: Invalid"
            + " value: x: a valid percent string must be a numeric string followed by an ending"
            + " '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')")),
        Arguments.of("deadline below minReady", selected("'minReadySeconds':10,"
            + "'progressDeadlineSeconds':5,"), List.of("spec.progressDeadlineSeconds: Invalid"
            + " value: 5: must be greater than minReadySeconds")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidDeployments")
  void validateDeployment(String name, String obj, List<String> expected) {
    assertThat(createErrors(DeploymentStrategy.INSTANCE, obj)).containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> invalidReplicaSetsAndDaemonSets() {
    Strategy rs = ReplicaSetStrategy.INSTANCE;
    Strategy ds = DaemonSetStrategy.INSTANCE;
    return Stream.of(
        Arguments.of(rs, "valid", selected(""), List.of()),
        Arguments.of(rs, "no selector", workload("", TEMPLATE_SPEC),
            List.of("spec.selector: Required value", MISMATCH)),
        Arguments.of(rs, "empty selector", workload("'selector':{},", TEMPLATE_SPEC),
            List.of(EMPTY_SELECTOR + "deployment")),
        Arguments.of(rs, "negative replicas", selected("'replicas':-2,"),
            List.of("spec.replicas: Invalid value: -2: must be greater than or equal to 0")),
        Arguments.of(ds, "valid", selected(""), List.of()),
        Arguments.of(ds, "on delete", selected("'updateStrategy':{'type':'OnDelete'},"),
            List.of()),
        Arguments.of(ds, "no selector", workload("", TEMPLATE_SPEC), List.of(MISMATCH)),
        Arguments.of(ds, "empty selector", workload("'selector':{},", TEMPLATE_SPEC),
            List.of(EMPTY_SELECTOR + "daemonset")),
        Arguments.of(ds, "pods with a deadline", workload("'selector':{'matchLabels':"
            + "{'app':'web'}},", "{'activeDeadlineSeconds':5,'containers':[{'name':'a','image':"
            + "'i'}]}"), List.of("spec.template.spec.activeDeadlineSeconds: Invalid value: 5:"
            + " activeDeadlineSeconds in DaemonSet is not Supported")),
        Arguments.of(ds, "surge and unavailable", selected("'updateStrategy':{'rollingUpdate':"
            + "{'maxUnavailable':1,'maxSurge':1}},"), List.of("spec.updateStrategy.rollingUpdate"
            + ".maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero")),
        Arguments.of(ds, "neither surge nor unavailable", selected("'updateStrategy':"
            + "{'rollingUpdate':{'maxUnavailable':0,'maxSurge':0}},"), List.of("spec"
            + ".updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when"
            + " maxSurge is 0")),
        Arguments.of(ds, "unknown update strategy", selected("'updateStrategy':{'type':'All'},"),
            List.of("spec.updateStrategy: Unsupported value: apps.DaemonSetUpdateStrategy{Type:"
                + "\"All\", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}: supported values:"
                + " \"RollingUpdate\", \"OnDelete\"")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("invalidReplicaSetsAndDaemonSets")
  void validateReplicaSetsAndDaemonSets(Strategy s, String name, String obj,
      List<String> expected) {
    assertThat(createErrors(s, obj)).containsExactlyElementsOf(expected);
  }

  static Stream<Strategy> workloads() {
    return Stream.of(DeploymentStrategy.INSTANCE, ReplicaSetStrategy.INSTANCE,
        DaemonSetStrategy.INSTANCE);
  }

  @ParameterizedTest
  @MethodSource("workloads")
  void theSelectorIsFixedAndTheStatusKept(Strategy s) {
    ObjectNode old = created(s, selected(""));
    node(old, "status").put("observedGeneration", 1);
    assertThat(updateErrors(s, old, o -> {
      node(o, "spec", "selector", "matchLabels").put("app", "web2");
      node(o, "spec", "template", "metadata", "labels").put("app", "web2");
    })).containsExactly("spec.selector: Invalid value: v1.LabelSelector{MatchLabels:"
        + "map[string]string{\"app\":\"web2\"}, MatchExpressions:"
        + "[]v1.LabelSelectorRequirement(nil)}: field is immutable");
    ObjectNode obj = updated(s, old, o -> o.putObject("status"));
    assertThat(obj.get("status")).isEqualTo(old.get("status"));
    assertThat(updateErrors(s, old, o -> node(o, "spec", "template", "spec", "containers", 0)
        .put("image", "nginx:1.26"))).isEmpty();
  }

  static Stream<Arguments> statuses() {
    Strategy d = DeploymentStrategy.INSTANCE;
    Strategy rs = ReplicaSetStrategy.INSTANCE;
    Strategy ds = DaemonSetStrategy.INSTANCE;
    return Stream.of(
        Arguments.of(d, "{'replicas':3,'readyReplicas':3,'availableReplicas':3}", List.of()),
        Arguments.of(d, "{'replicas':2,'readyReplicas':3,'availableReplicas':2}", List.of(
            "status.readyReplicas: Invalid value: 3: cannot be greater than status.replicas")),
        Arguments.of(rs, "{'replicas':2,'readyReplicas':1,'availableReplicas':2}", List.of(
            "status.availableReplicas: Invalid value: 2: cannot be greater than readyReplicas")),
        Arguments.of(rs, "{'observedGeneration':-1}", List.of(
            "status.observedGeneration: Invalid value: -1: must be greater than or equal to 0")),
        Arguments.of(ds, "{'numberReady':-1}", List.of(
            "status.numberReady: Invalid value: -1: must be greater than or equal to 0")));
  }

  @ParameterizedTest
  @MethodSource("statuses")
  void validateStatusUpdate(Strategy s, String status, List<String> expected) {
    ObjectNode old = created(s, selected(""));
    ObjectNode obj = old.deepCopy();
    obj.set("status", json(status));
    s.prepareForStatusUpdate(obj, old);
    assertThat(obj.get("spec")).isEqualTo(old.get("spec"));
    assertThat(messages(s.validateStatusUpdate(obj, old))).containsExactlyElementsOf(expected);
  }
}
