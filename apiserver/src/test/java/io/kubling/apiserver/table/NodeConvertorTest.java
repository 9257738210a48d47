package io.kubling.apiserver.table;

import static io.kubling.apiserver.table.Fixtures.cells;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NodeConvertorTest {
  static Stream<Arguments> nodes() {
    return Stream.of(
        Arguments.of("Ready, cordoned, with roles",
            "{'metadata':{'name':'node-a','creationTimestamp':@400d,'labels':{"
                + "'node-role.kubernetes.io/worker':'','node-role.kubernetes.io/control-plane':'',"
                + "'kubernetes.io/role':'infra','node-role.kubernetes.io/':'x','zone':'a'}},"
                + "'spec':{'unschedulable':true},'status':{'conditions':["
                + "{'type':'MemoryPressure','status':'False'},{'type':'Ready','status':'True'}],"
                + "'addresses':[{'type':'Hostname','address':'node-a'},"
                + "{'type':'InternalIP','address':'10.0.0.1'},"
                + "{'type':'ExternalIP','address':'203.0.113.1'}],"
                + "'nodeInfo':{'kubeletVersion':'v1.32.0','osImage':'Debian GNU/Linux 12 (bookworm)',"
                + "'kernelVersion':'6.1.0-18-amd64','containerRuntimeVersion':'containerd://1.7.13'}}}",
            List.of("node-a", "Ready,SchedulingDisabled", "control-plane,infra,worker", "400d",
                "v1.32.0", "10.0.0.1", "203.0.113.1", "Debian GNU/Linux 12 (bookworm)",
                "6.1.0-18-amd64", "containerd://1.7.13")),
        Arguments.of("Ready condition Unknown is NotReady",
            "{'metadata':{'name':'node-b','creationTimestamp':@3h},'status':{'conditions':["
                + "{'type':'Ready','status':'Unknown'}]}}",
            List.of("node-b", "NotReady", "<none>", "3h", "", "<none>", "<none>", "<unknown>",
                "<unknown>", "<unknown>")),
        Arguments.of("no Ready condition is Unknown",
            "{'metadata':{'name':'node-c'},'spec':{'unschedulable':true}}",
            List.of("node-c", "Unknown,SchedulingDisabled", "<none>", "<unknown>", "",
                "<none>", "<none>", "<unknown>", "<unknown>", "<unknown>")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nodes")
  void cellsOf(String what, String node, List<Object> expected) {
    assertThat(cells(NodeConvertor.INSTANCE, node)).containsExactlyElementsOf(expected);
  }
}
