package io.kubling.apiserver.table;

import static io.kubling.apiserver.table.Fixtures.cells;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SimpleConvertorsTest {
  private static final String META = "'metadata':{'name':'x','creationTimestamp':@5m},";

  static Stream<Arguments> objects() {
    return Stream.of(
        Arguments.of(NamespaceConvertor.INSTANCE, "{" + META + "'status':{'phase':'Active'}}",
            List.of("x", "Active", "5m")),
        Arguments.of(NamespaceConvertor.INSTANCE,
            "{" + META + "'status':{'phase':'Terminating'}}", List.of("x", "Terminating", "5m")),
        Arguments.of(ConfigMapConvertor.INSTANCE,
            "{" + META + "'data':{'a':'1','b':'2'},'binaryData':{'c':'AA=='}}",
            List.of("x", 3L, "5m")),
        Arguments.of(ConfigMapConvertor.INSTANCE, "{" + META + "'data':{}}",
            List.of("x", 0L, "5m")),
        Arguments.of(SecretConvertor.INSTANCE,
            "{" + META + "'type':'kubernetes.io/tls','data':{'tls.crt':'QQ==','tls.key':'Qg=='}}",
            List.of("x", "kubernetes.io/tls", 2L, "5m")),
        Arguments.of(SecretConvertor.INSTANCE, "{" + META + "'type':'Opaque'}",
            List.of("x", "Opaque", 0L, "5m")),
        Arguments.of(ServiceAccountConvertor.INSTANCE,
            "{" + META + "'secrets':[{'name':'x-token'}]}", List.of("x", 1L, "5m")),
        Arguments.of(ServiceAccountConvertor.INSTANCE, "{'metadata':{'name':'x','creationTimestamp':@5m}}",
            List.of("x", 0L, "5m")),
        Arguments.of(LeaseConvertor.INSTANCE,
            "{" + META + "'spec':{'holderIdentity':'node-a','leaseDurationSeconds':40}}",
            List.of("x", "node-a", "5m")),
        Arguments.of(LeaseConvertor.INSTANCE, "{" + META + "'spec':{}}", List.of("x", "", "5m")),
        Arguments.of(EndpointsConvertor.INSTANCE,
            "{" + META + "'subsets':[{'addresses':[{'ip':'10.0.0.1'},{'ip':'10.0.0.2'}],"
                + "'ports':[{'name':'http','port':80},{'name':'https','port':443}]}]}",
            List.of("x", "10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...", "5m")),
        Arguments.of(EndpointsConvertor.INSTANCE,
            "{" + META + "'subsets':[{'addresses':[{'ip':'10.0.0.1'}],'ports':[{'port':80}]},"
                + "{'addresses':[{'ip':'fd00::1'}],'ports':[{'port':80}]}]}",
            List.of("x", "10.0.0.1:80,[fd00::1]:80", "5m")),
        Arguments.of(EndpointsConvertor.INSTANCE,
            "{" + META + "'subsets':[{'addresses':[{'ip':'10.0.0.1'},{'ip':'10.0.0.2'}]}]}",
            List.of("x", "10.0.0.1,10.0.0.2", "5m")),
        Arguments.of(EndpointsConvertor.INSTANCE,
            "{'metadata':{'name':'x','creationTimestamp':@5m}}",
            List.of("x", "<none>", "5m")),
        Arguments.of(EndpointsConvertor.INSTANCE,
            "{" + META + "'subsets':[{'notReadyAddresses':[{'ip':'10.0.0.1'}],"
                + "'ports':[{'port':80}]}]}",
            List.of("x", "", "5m")),
        Arguments.of(EndpointSliceConvertor.INSTANCE,
            "{" + META + "'addressType':'IPv4','ports':[{'name':'http','port':80,"
                + "'protocol':'TCP'}],'endpoints':[{'addresses':['10.0.0.1']},"
                + "{'addresses':['10.0.0.2']}]}",
            List.of("x", "IPv4", "80", "10.0.0.1,10.0.0.2", "5m")),
        Arguments.of(EndpointSliceConvertor.INSTANCE,
            "{" + META + "'addressType':'IPv4','ports':[{'name':'a'},{},{'port':1},"
                + "{'port':2}],'endpoints':[{'addresses':['10.0.0.1','10.0.0.2','10.0.0.3',"
                + "'10.0.0.4','10.0.0.5']}]}",
            List.of("x", "IPv4", "a,*,1 + 1 more...", "10.0.0.1,10.0.0.2,10.0.0.3 + 2 more...",
                "5m")),
        Arguments.of(EndpointSliceConvertor.INSTANCE, "{" + META + "'addressType':'IPv6'}",
            List.of("x", "IPv6", "<unset>", "<unset>", "5m")),
        Arguments.of(PodDisruptionBudgetConvertor.INSTANCE,
            "{" + META + "'spec':{'minAvailable':2},'status':{'disruptionsAllowed':1}}",
            List.of("x", "2", "N/A", 1L, "5m")),
        Arguments.of(PodDisruptionBudgetConvertor.INSTANCE,
            "{" + META + "'spec':{'maxUnavailable':'25%'}}",
            List.of("x", "N/A", "25%", 0L, "5m")),
        Arguments.of(IngressConvertor.INSTANCE,
            "{" + META + "'spec':{'ingressClassName':'nginx','tls':[{'hosts':['a.example.com']}],"
                + "'rules':[{'host':'a.example.com'},{'host':'b.example.com'},{}]},"
                + "'status':{'loadBalancer':{'ingress':[{'ip':'203.0.113.7'},"
                + "{'hostname':'a-very-long-load-balancer.example.com'}]}}}",
            List.of("x", "nginx", "a.example.com,b.example.com",
                "203.0.113.7,a-very-long-load-balancer.example.com", "80, 443", "5m")),
        Arguments.of(IngressConvertor.INSTANCE,
            "{" + META + "'spec':{'rules':[{'host':'a'},{'host':'b'},{'host':'c'},{'host':'d'},"
                + "{'host':'e'}]}}",
            List.of("x", "<none>", "a,b,c + 2 more...", "", "80", "5m")),
        Arguments.of(IngressConvertor.INSTANCE,
            "{" + META + "'spec':{'defaultBackend':{'service':{'name':'web'}}}}",
            List.of("x", "<none>", "*", "", "80", "5m")),
        Arguments.of(RoleBindingConvertor.ROLE_BINDINGS,
            "{" + META + "'roleRef':{'apiGroup':'rbac.authorization.k8s.io','kind':'Role',"
                + "'name':'developer'},'subjects':[{'kind':'User','name':'alice'},"
                + "{'kind':'Group','name':'devs'},{'kind':'ServiceAccount','name':'ci',"
                + "'namespace':'build'},{'kind':'User','name':'bob'}]}",
            List.of("x", "Role/developer", "5m", "alice, bob", "devs", "build/ci")),
        Arguments.of(RoleBindingConvertor.CLUSTER_ROLE_BINDINGS,
            "{" + META + "'roleRef':{'kind':'ClusterRole','name':'cluster-admin'},"
                + "'subjects':[{'kind':'Group','name':'system:masters'}]}",
            List.of("x", "ClusterRole/cluster-admin", "5m", "", "system:masters", "")),
        Arguments.of(DefaultTableConvertor.INSTANCE,
            "{'metadata':{'name':'view','creationTimestamp':'2025-01-02T03:04:05Z'}}",
            List.of("view", "2025-01-02T03:04:05Z")),
        Arguments.of(DefaultTableConvertor.INSTANCE,
            "{'metadata':{'name':'v','creationTimestamp':'2025-01-02T05:04:05.25+02:00'}}",
            List.of("v", "2025-01-02T03:04:05Z")),
        Arguments.of(DefaultTableConvertor.INSTANCE, "{'metadata':{'name':'new'}}",
            List.of("new", "0001-01-01T00:00:00Z")));
  }

  @ParameterizedTest
  @MethodSource("objects")
  void cellsOf(TableConvertor c, String obj, List<Object> expected) {
    assertThat(cells(c, obj)).containsExactlyElementsOf(expected);
  }
}
