package io.kubling.apiserver.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubling.apiserver.registry.BuiltinResources;
import io.kubling.apiserver.registry.ResourceType;
import io.kubling.apiserver.validation.NameRule;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BuiltinStrategiesTest {
  @Test
  void everyServedResourceHasItsOwnStrategy() {
    Map<String, Strategy> byKind = BuiltinResources.all().stream()
        .collect(Collectors.toMap(ResourceType::kind, ResourceType::strategy));
    assertThat(byKind.values()).doesNotContain(DefaultStrategy.INSTANCE);
    assertThat(byKind).containsEntry("Pod", PodStrategy.INSTANCE)
        .containsEntry("Service", ServiceStrategy.INSTANCE)
        .containsEntry("Namespace", NamespaceStrategy.INSTANCE)
        .containsEntry("Deployment", DeploymentStrategy.INSTANCE)
        .containsEntry("ClusterRoleBinding", ClusterRoleBindingStrategy.INSTANCE);
    assertThat(byKind.values().stream().map(Strategy::getClass).distinct())
        .hasSize(BuiltinResources.all().size());
    assertThat(byKind.get("Service").nameRule()).isEqualTo(NameRule.DNS1035_LABEL);
    assertThat(byKind.get("Namespace").nameRule()).isEqualTo(NameRule.DNS1123_LABEL);
    assertThat(byKind.get("ConfigMap").nameRule()).isEqualTo(NameRule.DNS1123_SUBDOMAIN);
  }
}
