package io.kubling.apiserver.table;

import static io.kubling.apiserver.table.Fixtures.cells;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodConvertorTest {
  private static final String META = "'metadata':{'name':'p','creationTimestamp':@10m},";
  private static final String ONE = "'spec':{'containers':[{'name':'app','image':'nginx'}]},";
  private static final String WITH_INIT = "'spec':{'initContainers':[{'name':'init'}],"
      + "'containers':[{'name':'app'}]},";

  static Stream<Arguments> pods() {
    return Stream.of(
        Arguments.of("running, one of two containers not ready, restarted 5m ago",
            "{'metadata':{'name':'web-1','creationTimestamp':@3h},"
                + "'spec':{'nodeName':'node-a','containers':[{'name':'app'},{'name':'side'}]},"
                + "'status':{'phase':'Running','podIP':'10.0.0.5','podIPs':[{'ip':'10.0.0.5'}],"
                + "'conditions':[{'type':'Ready','status':'False'}],'containerStatuses':["
                + "{'name':'app','ready':true,'restartCount':0,'state':{'running':{}}},"
                + "{'name':'side','ready':false,'restartCount':3,'state':{'running':{}},"
                + "'lastState':{'terminated':{'exitCode':1,'reason':'Error',"
                + "'finishedAt':@5m}}}]}}",
            List.of("web-1", "1/2", "Running", "3 (5m ago)", "3h", "10.0.0.5", "node-a",
                "<none>", "<none>")),
        Arguments.of("CrashLoopBackOff",
            "{" + META + ONE + "'status':{'phase':'Running','containerStatuses':[{'name':'app',"
                + "'ready':false,'restartCount':4,'state':{'waiting':{'reason':'CrashLoopBackOff'}},"
                + "'lastState':{'terminated':{'exitCode':1,'finishedAt':@45s}}}]}}",
            row("0/1", "CrashLoopBackOff", "4 (45s ago)")),
        Arguments.of("restarts without a known time print bare",
            "{" + META + ONE + "'status':{'phase':'Running','containerStatuses':[{'name':'app',"
                + "'ready':true,'restartCount':2,'state':{'running':{}}}]}}",
            row("1/1", "Running", "2")),
        Arguments.of("Terminating",
            "{'metadata':{'name':'p','creationTimestamp':@10m,'deletionTimestamp':@1s}," + ONE
                + "'status':{'phase':'Running','containerStatuses':[{'name':'app','ready':true,"
                + "'restartCount':0,'state':{'running':{}}}]}}",
            row("1/1", "Terminating", "0")),
        Arguments.of("Completed",
            "{" + META + ONE + "'status':{'phase':'Succeeded','containerStatuses':[{'name':'app',"
                + "'ready':false,'state':{'terminated':{'exitCode':0,'reason':'Completed'}}}]}}",
            row("0/1", "Completed", "0")),
        Arguments.of("a terminal pod being deleted keeps its reason",
            "{'metadata':{'name':'p','creationTimestamp':@10m,'deletionTimestamp':@1s}," + ONE
                + "'status':{'phase':'Failed','containerStatuses':[{'name':'app',"
                + "'state':{'terminated':{'exitCode':1,'reason':'Error'}}}]}}",
            row("0/1", "Error", "0")),
        Arguments.of("NodeLost while deleting is Unknown",
            "{'metadata':{'name':'p','creationTimestamp':@10m,'deletionTimestamp':@1s}," + ONE
                + "'status':{'phase':'Running','reason':'NodeLost'}}",
            row("0/1", "Unknown", "0")),
        Arguments.of("Evicted",
            "{" + META + ONE + "'status':{'phase':'Failed','reason':'Evicted'}}",
            row("0/1", "Evicted", "0")),
        Arguments.of("Pending without statuses",
            "{" + META + ONE + "'status':{'phase':'Pending'}}",
            row("0/1", "Pending", "0")),
        Arguments.of("ContainerCreating",
            "{" + META + ONE + "'status':{'phase':'Pending','containerStatuses':[{'name':'app',"
                + "'state':{'waiting':{'reason':'ContainerCreating'}}}]}}",
            row("0/1", "ContainerCreating", "0")),
        Arguments.of("SchedulingGated",
            "{" + META + ONE + "'status':{'phase':'Pending','conditions':[{'type':'PodScheduled',"
                + "'status':'False','reason':'SchedulingGated'}]}}",
            row("0/1", "SchedulingGated", "0")),
        Arguments.of("terminated without a reason: the exit code",
            "{" + META + ONE + "'status':{'phase':'Running','containerStatuses':[{'name':'app',"
                + "'state':{'terminated':{'exitCode':137}}}]}}",
            row("0/1", "ExitCode:137", "0")),
        Arguments.of("terminated by a signal",
            "{" + META + ONE + "'status':{'phase':'Running','containerStatuses':[{'name':'app',"
                + "'state':{'terminated':{'exitCode':0,'signal':9}}}]}}",
            row("0/1", "Signal:9", "0")),
        Arguments.of("Init:0/1 while the init container runs",
            "{" + META + WITH_INIT + "'status':{'phase':'Pending','initContainerStatuses':["
                + "{'name':'init','ready':false,'restartCount':0,'state':{'running':{}}}],"
                + "'containerStatuses':[{'name':'app','state':{'waiting':"
                + "{'reason':'PodInitializing'}}}]}}",
            row("0/1", "Init:0/1", "0")),
        Arguments.of("Init:CrashLoopBackOff counts init restarts",
            "{" + META + WITH_INIT + "'status':{'phase':'Pending','initContainerStatuses':["
                + "{'name':'init','restartCount':2,'state':{'waiting':"
                + "{'reason':'CrashLoopBackOff'}},'lastState':{'terminated':"
                + "{'exitCode':1,'finishedAt':@1m}}}]}}",
            row("0/1", "Init:CrashLoopBackOff", "2 (60s ago)")),
        Arguments.of("Init:Error",
            "{" + META + WITH_INIT + "'status':{'phase':'Pending','initContainerStatuses':["
                + "{'name':'init','state':{'terminated':{'exitCode':1,'reason':'Error'}}}]}}",
            row("0/1", "Init:Error", "0")),
        Arguments.of("Init:ExitCode",
            "{" + META + WITH_INIT + "'status':{'phase':'Pending','initContainerStatuses':["
                + "{'name':'init','state':{'terminated':{'exitCode':2}}}]}}",
            row("0/1", "Init:ExitCode:2", "0")),
        Arguments.of("finished init containers give way to the containers",
            "{" + META + WITH_INIT + "'status':{'phase':'Running','initContainerStatuses':["
                + "{'name':'init','restartCount':1,'state':{'terminated':{'exitCode':0,"
                + "'reason':'Completed'}}}],'containerStatuses':[{'name':'app','ready':true,"
                + "'state':{'running':{}}}]}}",
            row("1/1", "Running", "0")),
        Arguments.of("a running sidecar counts as a container",
            "{" + META + "'spec':{'initContainers':[{'name':'proxy','restartPolicy':'Always'}],"
                + "'containers':[{'name':'app'}]},'status':{'phase':'Running','conditions':["
                + "{'type':'Initialized','status':'True'},{'type':'Ready','status':'True'}],"
                + "'initContainerStatuses':[{'name':'proxy','started':true,'ready':true,"
                + "'restartCount':1,'state':{'running':{}},'lastState':{'terminated':"
                + "{'exitCode':1,'finishedAt':@2m}}}],'containerStatuses':[{'name':'app',"
                + "'ready':true,'restartCount':0,'state':{'running':{}}}]}}",
            row("2/2", "Running", "1 (2m ago)")),
        Arguments.of("Completed with a container still running and the pod not ready",
            "{" + META + "'spec':{'containers':[{'name':'a'},{'name':'b'}]},"
                + "'status':{'phase':'Running','containerStatuses':["
                + "{'name':'a','state':{'terminated':{'exitCode':0,'reason':'Completed'}}},"
                + "{'name':'b','ready':true,'state':{'running':{}}}]}}",
            row("1/2", "NotReady", "0")),
        Arguments.of("Completed with a container still running and the pod ready",
            "{" + META + "'spec':{'containers':[{'name':'a'},{'name':'b'}]},"
                + "'status':{'phase':'Running','conditions':[{'type':'Ready','status':'True'}],"
                + "'containerStatuses':["
                + "{'name':'a','state':{'terminated':{'exitCode':0,'reason':'Completed'}}},"
                + "{'name':'b','ready':true,'state':{'running':{}}}]}}",
            row("1/2", "Running", "0")),
        Arguments.of("the first container's reason wins",
            "{" + META + "'spec':{'containers':[{'name':'a'},{'name':'b'}]},"
                + "'status':{'phase':'Pending','containerStatuses':["
                + "{'name':'a','state':{'waiting':{'reason':'ImagePullBackOff'}}},"
                + "{'name':'b','state':{'waiting':{'reason':'ContainerCreating'}}}]}}",
            row("0/2", "ImagePullBackOff", "0")));
  }

  private static List<Object> row(String ready, String status, String restarts) {
    return List.of("p", ready, status, restarts, "10m", "<none>", "<none>", "<none>", "<none>");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pods")
  void cellsOf(String what, String pod, List<Object> expected) {
    assertThat(cells(PodConvertor.INSTANCE, pod)).containsExactlyElementsOf(expected);
  }

  static Stream<Arguments> wide() {
    return Stream.of(
        Arguments.of("{'spec':{'nodeName':'n1','readinessGates':[{'conditionType':'x/a'},"
                + "{'conditionType':'x/b'}]},'status':{'podIP':'10.1.0.4','nominatedNodeName':"
                + "'n2','conditions':[{'type':'x/a','status':'True'},"
                + "{'type':'x/b','status':'False'}]}}",
            List.of("10.1.0.4", "n1", "n2", "1/2")),
        Arguments.of("{'status':{'podIPs':[{'ip':'fd00::4'},{'ip':'10.1.0.4'}]}}",
            List.of("fd00::4", "<none>", "<none>", "<none>")),
        Arguments.of("{'spec':{'readinessGates':[{'conditionType':'x/a'}]}}",
            List.of("<none>", "<none>", "<none>", "0/1")));
  }

  @ParameterizedTest
  @MethodSource("wide")
  void wideCells(String pod, List<Object> expected) {
    assertThat(cells(PodConvertor.INSTANCE, pod).subList(5, 9))
        .containsExactlyElementsOf(expected);
  }
}
