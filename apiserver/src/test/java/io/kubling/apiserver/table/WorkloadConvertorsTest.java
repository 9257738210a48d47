package io.kubling.apiserver.table;

import static io.kubling.apiserver.table.Fixtures.cells;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorkloadConvertorsTest {
  private static final String TEMPLATE = "'template':{'spec':{'containers':["
      + "{'name':'nginx','image':'nginx:1.27'},{'name':'sidecar','image':'busybox'}]}}";

  static Stream<Arguments> workloads() {
    return Stream.of(
        Arguments.of(DeploymentConvertor.INSTANCE,
            "{'metadata':{'name':'web','creationTimestamp':@2h},'spec':{'replicas':3,"
                + "'selector':{'matchLabels':{'app':'web'}}," + TEMPLATE + "},'status':{"
                + "'replicas':3,'updatedReplicas':3,'readyReplicas':2,'availableReplicas':2}}",
            List.of("web", "2/3", 3L, 2L, "120m", "nginx,sidecar", "nginx:1.27,busybox",
                "app=web")),
        Arguments.of(DeploymentConvertor.INSTANCE,
            "{'metadata':{'name':'idle','creationTimestamp':@90s},'spec':{'replicas':0,"
                + "'selector':{'matchLabels':{'app':'x'},'matchExpressions':[{'key':'tier',"
                + "'operator':'In','values':['b','a']},{'key':'canary','operator':"
                + "'DoesNotExist'}]},'template':{'spec':{'containers':[{'name':'c',"
                + "'image':'i'}]}}}}",
            List.of("idle", "0/0", 0L, 0L, "90s", "c", "i",
                "app=x,!canary,tier in (a,b)")),
        Arguments.of(DeploymentConvertor.INSTANCE,
            "{'metadata':{'name':'odd'},'spec':{'selector':{}}}",
            List.of("odd", "0/1", 0L, 0L, "<unknown>", "", "", "")),
        Arguments.of(ReplicaSetConvertor.INSTANCE,
            "{'metadata':{'name':'web-7d4b9','creationTimestamp':@2h},'spec':{'replicas':3,"
                + "'selector':{'matchLabels':{'app':'web','pod-template-hash':'7d4b9'}},"
                + TEMPLATE + "},'status':{'replicas':3,'readyReplicas':1}}",
            List.of("web-7d4b9", 3L, 3L, 1L, "120m", "nginx,sidecar", "nginx:1.27,busybox",
                "app=web,pod-template-hash=7d4b9")),
        Arguments.of(ReplicaSetConvertor.INSTANCE,
            "{'metadata':{'name':'empty','creationTimestamp':@2h},'spec':{'replicas':0,"
                + "'selector':{}}}",
            List.of("empty", 0L, 0L, 0L, "120m", "", "", "<none>")),
        Arguments.of(DaemonSetConvertor.INSTANCE,
            "{'metadata':{'name':'agent','creationTimestamp':@8d},'spec':{'selector':"
                + "{'matchLabels':{'app':'agent'}},'template':{'spec':{'nodeSelector':"
                + "{'kubernetes.io/os':'linux','disk':'ssd'},'containers':[{'name':'agent',"
                + "'image':'agent:1'}]}}},'status':{'desiredNumberScheduled':3,"
                + "'currentNumberScheduled':3,'numberReady':2,'updatedNumberScheduled':3,"
                + "'numberAvailable':2}}",
            List.of("agent", 3L, 3L, 2L, 3L, 2L, "disk=ssd,kubernetes.io/os=linux", "8d",
                "agent", "agent:1", "app=agent")),
        Arguments.of(DaemonSetConvertor.INSTANCE,
            "{'metadata':{'name':'fresh','creationTimestamp':@1s},'spec':{'selector':"
                + "{'matchLabels':{'app':'f'}},'template':{'spec':{'containers':[]}}}}",
            List.of("fresh", 0L, 0L, 0L, 0L, 0L, "<none>", "1s", "", "", "app=f")));
  }

  @ParameterizedTest
  @MethodSource("workloads")
  void cellsOf(TableConvertor c, String obj, List<Object> expected) {
    assertThat(cells(c, obj)).containsExactlyElementsOf(expected);
  }
}
