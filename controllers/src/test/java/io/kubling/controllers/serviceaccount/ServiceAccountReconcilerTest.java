package io.kubling.controllers.serviceaccount;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceAccountReconcilerTest {

  static final class RecordingApi implements ServiceAccountApi {
    final Map<String, Namespace> namespaces = new HashMap<>();
    final Map<String, ServiceAccount> accounts = new HashMap<>();
    final List<String> created = new ArrayList<>();

    @Override
    public Optional<Namespace> namespace(String name) {
      return Optional.ofNullable(namespaces.get(name));
    }

    @Override
    public Optional<ServiceAccount> serviceAccount(String namespace, String name) {
      return Optional.ofNullable(accounts.get(namespace + "/" + name));
    }

    @Override
    public void create(ServiceAccount sa) {
      created.add(sa.getMetadata().getNamespace() + "/" + sa.getMetadata().getName());
    }
  }

  @ParameterizedTest(name = "namespace {0}, has default={1} -> creates={2}")
  @CsvSource({"active,false,true", "active,true,false", "terminating,false,false",
      "missing,false,false"})
  void createsTheDefaultAccountOnlyWhereMissing(String state, boolean hasDefault, boolean creates) {
    RecordingApi api = new RecordingApi();
    if (!state.equals("missing")) {
      NamespaceBuilder b = new NamespaceBuilder().withNewMetadata().withName("team").endMetadata();
      if (state.equals("terminating")) {
        b.editMetadata().withDeletionTimestamp("2030-01-01T00:00:00Z").endMetadata()
            .withNewStatus().withPhase("Terminating").endStatus();
      }
      api.namespaces.put("team", b.build());
    }
    if (hasDefault) {
      api.accounts.put("team/default", new ServiceAccountBuilder().withNewMetadata()
          .withName("default").withNamespace("team").endMetadata().build());
    }
    new ServiceAccountReconciler(api).reconcile("team");
    assertThat(api.created).isEqualTo(creates ? List.of("team/default") : List.of());
  }
}
