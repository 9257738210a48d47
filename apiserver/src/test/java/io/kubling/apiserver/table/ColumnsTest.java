package io.kubling.apiserver.table;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.registry.BuiltinResources;
import io.kubling.apiserver.registry.ResourceType;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The columns of every resource, as a 1.32 server defines them; {@code *} marks wide ones. */
class ColumnsTest {
  static Stream<Arguments> columns() {
    return Stream.of(
        Arguments.of("", "pods",
            "Name,Ready,Status,Restarts,Age,IP*,Node*,Nominated Node*,Readiness Gates*"),
        Arguments.of("", "nodes", "Name,Status,Roles,Age,Version,Internal-IP*,External-IP*,"
            + "OS-Image*,Kernel-Version*,Container-Runtime*"),
        Arguments.of("", "namespaces", "Name,Status,Age"),
        Arguments.of("", "services", "Name,Type,Cluster-IP,External-IP,Port(s),Age,Selector*"),
        Arguments.of("", "endpoints", "Name,Endpoints,Age"),
        Arguments.of("", "configmaps", "Name,Data,Age"),
        Arguments.of("", "secrets", "Name,Type,Data,Age"),
        Arguments.of("", "serviceaccounts", "Name,Secrets,Age"),
        Arguments.of("", "events", "Last Seen,Type,Reason,Object,Subobject*,Source*,Message,"
            + "First Seen*,Count*,Name*"),
        Arguments.of("apps", "replicasets",
            "Name,Desired,Current,Ready,Age,Containers*,Images*,Selector*"),
        Arguments.of("apps", "deployments",
            "Name,Ready,Up-to-date,Available,Age,Containers*,Images*,Selector*"),
        Arguments.of("apps", "daemonsets", "Name,Desired,Current,Ready,Up-to-date,Available,"
            + "Node Selector,Age,Containers*,Images*,Selector*"),
        Arguments.of("coordination.k8s.io", "leases", "Name,Holder,Age"),
        Arguments.of("discovery.k8s.io", "endpointslices",
            "Name,AddressType,Ports,Endpoints,Age"),
        Arguments.of("rbac.authorization.k8s.io", "roles", "Name,Created At"),
        Arguments.of("rbac.authorization.k8s.io", "clusterroles", "Name,Created At"),
        Arguments.of("rbac.authorization.k8s.io", "rolebindings",
            "Name,Role,Age,Users*,Groups*,ServiceAccounts*"),
        Arguments.of("rbac.authorization.k8s.io", "clusterrolebindings",
            "Name,Role,Age,Users*,Groups*,ServiceAccounts*"),
        Arguments.of("policy", "poddisruptionbudgets",
            "Name,Min Available,Max Unavailable,Allowed Disruptions,Age"),
        Arguments.of("networking.k8s.io", "ingresses", "Name,Class,Hosts,Address,Ports,Age"),
        Arguments.of("networking.k8s.io", "ingressclasses", "Name,Controller,Parameters,Age"),
        Arguments.of("example.com", "widgets", "Name,Created At"),
        // a plural of another group is not mistaken for a core one
        Arguments.of("example.com", "pods", "Name,Created At"));
  }

  @ParameterizedTest
  @MethodSource("columns")
  void namesAndPriorities(String group, String plural, String expected) {
    TableConvertor c = TableConvertors.forResource(group, plural);
    assertThat(c.columns().stream().map(col -> col.name() + (col.priority() == 1 ? "*" : ""))
        .collect(Collectors.joining(","))).isEqualTo(expected);
  }

  static Stream<TableConvertor> convertors() {
    return Stream.concat(BuiltinResources.all().stream().map(TableConvertors::forType),
        Stream.of(TableConvertors.forResource("policy", "poddisruptionbudgets"),
            TableConvertors.forResource("networking.k8s.io", "ingresses")));
  }

  @ParameterizedTest
  @MethodSource("convertors")
  void definitionsAreWellFormed(TableConvertor c) {
    assertThat(c.columns()).filteredOn(col -> col.format().equals("name")).singleElement()
        .satisfies(col -> assertThat(col.name()).isEqualTo("Name"));
    assertThat(c.columns()).allSatisfy(col -> {
      assertThat(col.type()).isIn("string", "integer", "date");
      assertThat(col.priority()).isIn(0, 1);
      assertThat(col.description()).isNotBlank();
    });
  }

  @ParameterizedTest
  @MethodSource("convertors")
  void anEmptyObjectStillFillsEveryColumn(TableConvertor c) {
    ObjectNode empty = Json.object();
    assertThat(c.cells(empty, Fixtures.NOW)).hasSameSizeAs(c.columns())
        .allSatisfy(cell -> assertThat(cell).isInstanceOfAny(String.class, Long.class));
    assertThat(empty).isEqualTo(Json.object()); // never written to
  }

  @Test
  void builtinTypesMapByGroupAndPlural() {
    for (ResourceType t : BuiltinResources.all()) {
      assertThat(TableConvertors.forType(t))
          .isSameAs(TableConvertors.forResource(t.group(), t.plural()));
    }
    assertThat(TableConvertors.forResource("rbac.authorization.k8s.io", "roles"))
        .isSameAs(TableConvertors.defaultConvertor());
  }
}
