package io.kubling.apiserver.table;

import static io.kubling.apiserver.table.Fixtures.cells;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServiceConvertorTest {
  private static final String META = "'metadata':{'name':'s','creationTimestamp':@5d},";

  static Stream<Arguments> services() {
    return Stream.of(
        Arguments.of("ClusterIP",
            "{'metadata':{'name':'kube-dns','creationTimestamp':@5d},'spec':{'type':'ClusterIP',"
                + "'clusterIP':'10.96.0.10','clusterIPs':['10.96.0.10'],'ports':["
                + "{'name':'dns','port':53,'protocol':'UDP'},{'name':'dns-tcp','port':53,"
                + "'protocol':'TCP'}],'selector':{'k8s-app':'kube-dns'}}}",
            List.of("kube-dns", "ClusterIP", "10.96.0.10", "<none>", "53/UDP,53/TCP", "5d",
                "k8s-app=kube-dns")),
        Arguments.of("ClusterIP with external IPs, clusterIP only",
            "{" + META + "'spec':{'type':'ClusterIP','clusterIP':'10.96.0.20','externalIPs':"
                + "['198.51.100.1','198.51.100.2'],'ports':[{'port':80,'protocol':'TCP'}]}}",
            List.of("s", "ClusterIP", "10.96.0.20", "198.51.100.1,198.51.100.2", "80/TCP", "5d",
                "<none>")),
        Arguments.of("NodePort",
            "{" + META + "'spec':{'type':'NodePort','clusterIPs':['10.96.1.1'],'ports':["
                + "{'port':80,'targetPort':8080,'nodePort':30080,'protocol':'TCP'},"
                + "{'port':443,'nodePort':30443,'protocol':'TCP'}],'selector':{'app':'web',"
                + "'tier':'front'}}}",
            List.of("s", "NodePort", "10.96.1.1", "<none>", "80:30080/TCP,443:30443/TCP", "5d",
                "app=web,tier=front")),
        Arguments.of("LoadBalancer pending",
            "{" + META + "'spec':{'type':'LoadBalancer','clusterIPs':['10.96.1.2'],'ports':["
                + "{'port':80,'nodePort':31000,'protocol':'TCP'}]},'status':{'loadBalancer':{}}}",
            List.of("s", "LoadBalancer", "10.96.1.2", "<pending>", "80:31000/TCP", "5d",
                "<none>")),
        Arguments.of("LoadBalancer with ingress and external IPs, never clipped",
            "{" + META + "'spec':{'type':'LoadBalancer','clusterIPs':['10.96.1.3'],"
                + "'externalIPs':['198.51.100.1'],'ports':[{'port':443,'nodePort':31443,"
                + "'protocol':'TCP'}]},'status':{'loadBalancer':{'ingress':["
                + "{'hostname':'lb.example.com'},{'ip':'203.0.113.9'},{'ip':'203.0.113.9'}]}}}",
            List.of("s", "LoadBalancer", "10.96.1.3", "203.0.113.9,lb.example.com,198.51.100.1",
                "443:31443/TCP", "5d", "<none>")),
        Arguments.of("ExternalName",
            "{" + META + "'spec':{'type':'ExternalName','externalName':'db.example.com'}}",
            List.of("s", "ExternalName", "<none>", "db.example.com", "<none>", "5d", "<none>")),
        Arguments.of("headless",
            "{" + META + "'spec':{'type':'ClusterIP','clusterIP':'None','clusterIPs':['None'],"
                + "'ports':[{'port':5432,'protocol':'TCP'}],'selector':{'app':'db'}}}",
            List.of("s", "ClusterIP", "None", "<none>", "5432/TCP", "5d", "app=db")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("services")
  void cellsOf(String what, String svc, List<Object> expected) {
    assertThat(cells(ServiceConvertor.INSTANCE, svc)).containsExactlyElementsOf(expected);
  }
}
