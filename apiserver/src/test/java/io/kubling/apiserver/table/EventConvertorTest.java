package io.kubling.apiserver.table;

import static io.kubling.apiserver.table.Fixtures.cells;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EventConvertorTest {
  static Stream<Arguments> events() {
    return Stream.of(
        Arguments.of("a repeated kubelet event",
            "{'metadata':{'name':'web-1.17f3a','creationTimestamp':@10m},'type':'Warning',"
                + "'reason':'BackOff','message':' Back-off restarting failed container \\n',"
                + "'involvedObject':{'kind':'Pod','name':'web-1','namespace':'default',"
                + "'fieldPath':'spec.containers{app}'},'source':{'component':'kubelet',"
                + "'host':'node-a'},'firstTimestamp':@10m,'lastTimestamp':@2m,'count':5}",
            Arrays.asList("2m", "Warning", "BackOff", "pod/web-1", "spec.containers{app}",
                "kubelet, node-a", "Back-off restarting failed container", "10m", 5L,
                "web-1.17f3a")),
        Arguments.of("an events.k8s.io event: eventTime, no count, reporting fields",
            "{'metadata':{'name':'web-2.1'},'type':'Normal','reason':'Scheduled',"
                + "'message':'Successfully assigned default/web-2 to node-a',"
                + "'involvedObject':{'kind':'Pod','name':'web-2'},'eventTime':"
                + "'2025-06-01T11:59:30.000000Z','reportingComponent':'default-scheduler',"
                + "'reportingInstance':'default-scheduler-node-a'}",
            Arrays.asList("30s", "Normal", "Scheduled", "pod/web-2", "",
                "default-scheduler, default-scheduler-node-a",
                "Successfully assigned default/web-2 to node-a", "30s", 1L, "web-2.1")),
        Arguments.of("a series",
            "{'metadata':{'name':'n.1'},'type':'Normal','reason':'Pulled','involvedObject':"
                + "{'kind':'Node'},'firstTimestamp':@1h,'lastTimestamp':@30m,'count':2,"
                + "'series':{'count':7,'lastObservedTime':'2025-06-01T11:59:55.000000Z'},"
                + "'source':{'component':'kubelet'}}",
            Arrays.asList("5s", "Normal", "Pulled", "node", "", "kubelet", "", "60m", 7L,
                "n.1")),
        Arguments.of("no timestamps at all",
            "{'metadata':{'name':'e'},'involvedObject':{'kind':'Deployment','name':'web'}}",
            Arrays.asList("<unknown>", "", "", "deployment/web", "", "", "", "<unknown>", 1L,
                "e")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("events")
  void cellsOf(String what, String event, List<Object> expected) {
    assertThat(cells(EventConvertor.INSTANCE, event)).containsExactlyElementsOf(expected);
  }
}
