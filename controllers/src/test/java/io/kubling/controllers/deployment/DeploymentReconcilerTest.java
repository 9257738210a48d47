package io.kubling.controllers.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.kubling.controllers.TemplateHash;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeploymentReconcilerTest {

  /** Recording fake: RS writes land in the "cache" with a fully available status. */
  static final class RecordingApi implements DeploymentApi {
    final Map<String, Deployment> deployments = new LinkedHashMap<>();
    final Map<String, ReplicaSet> replicaSets = new LinkedHashMap<>();
    final List<String> calls = new ArrayList<>();

    @Override
    public Optional<Deployment> deployment(String namespace, String name) {
      return Optional.ofNullable(deployments.get(name));
    }

    @Override
    public List<ReplicaSet> replicaSets(String namespace) {
      return new ArrayList<>(replicaSets.values());
    }

    @Override
    public boolean createReplicaSet(ReplicaSet rs) {
      calls.add("create " + rs.getMetadata().getName() + " replicas="
          + rs.getSpec().getReplicas() + " rev="
          + rs.getMetadata().getAnnotations().get(Deployments.REVISION));
      replicaSets.put(rs.getMetadata().getName(), settled(rs, rs.getSpec().getReplicas(),
          rs.getMetadata().getAnnotations()));
      return true;
    }

    @Override
    public void updateReplicaSet(ReplicaSet rs, int replicas, Map<String, String> annotations) {
      calls.add("scale " + rs.getMetadata().getName() + " " + replicas
          + (annotations == null ? "" : " " + annotations));
      Map<String, String> a = new LinkedHashMap<>(rs.getMetadata().getAnnotations());
      if (annotations != null) {
        a.putAll(annotations);
      }
      replicaSets.put(rs.getMetadata().getName(), settled(rs, replicas, a));
    }

    static ReplicaSet settled(ReplicaSet rs, int replicas, Map<String, String> annotations) {
      return new ReplicaSetBuilder(rs).editMetadata().withGeneration(1L)
          .withAnnotations(annotations).endMetadata().editSpec().withReplicas(replicas).endSpec()
          .withNewStatus().withReplicas(replicas).withAvailableReplicas(replicas)
          .withReadyReplicas(replicas).withObservedGeneration(1L).endStatus().build();
    }

    @Override
    public void deleteReplicaSet(ReplicaSet rs) {
      calls.add("delete " + rs.getMetadata().getName());
      replicaSets.remove(rs.getMetadata().getName());
    }

    @Override
    public void annotateDeployment(Deployment d, Map<String, String> annotations) {
      calls.add("annotate " + annotations);
    }

    @Override
    public void updateStatus(Deployment d, DeploymentStatus status) {
      d.setStatus(status);
    }
  }

  final RecordingApi api = new RecordingApi();
  final DeploymentReconciler r = new DeploymentReconciler(api,
      Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC));

  Deployment deployment(String image) {
    Deployment d = DeploymentsTest.deployment(3, "1", "1");
    d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
    return d;
  }

  void settle() {
    for (int i = 0; i < 20; i++) {
      r.reconcile("ns/web");
    }
  }

  @Test
  void rollsFromOneTemplateToTheNextAndBackByRevision() {
    api.deployments.put("web", deployment("v1"));
    settle();
    String hash1 = TemplateHash.of(api.deployments.get("web").getSpec().getTemplate(), null);
    assertThat(api.calls.get(0)).isEqualTo("create web-" + hash1 + " replicas=3 rev=1");

    api.calls.clear();
    api.deployments.put("web", deployment("v2"));
    settle();
    String hash2 = TemplateHash.of(api.deployments.get("web").getSpec().getTemplate(), null);
    assertThat(api.calls.get(0)).isEqualTo("create web-" + hash2 + " replicas=1 rev=2");
    assertThat(api.replicaSets.get("web-" + hash1).getSpec().getReplicas()).isZero();
    assertThat(api.replicaSets.get("web-" + hash2).getSpec().getReplicas()).isEqualTo(3);
    assertThat(api.calls).contains("annotate {" + Deployments.REVISION + "=2}");

    // rollback: the old template again; its set becomes revision 3, no new set
    api.calls.clear();
    api.deployments.put("web", deployment("v1"));
    settle();
    assertThat(api.calls).noneMatch(c -> c.startsWith("create"));
    assertThat(api.calls).contains("scale web-" + hash1 + " 0 {" + Deployments.REVISION + "=3}");
    assertThat(api.replicaSets.get("web-" + hash1).getSpec().getReplicas()).isEqualTo(3);
    assertThat(api.replicaSets.get("web-" + hash2).getSpec().getReplicas()).isZero();
    assertThat(api.deployments.get("web").getStatus().getConditions().get(1).getReason())
        .isEqualTo("NewReplicaSetAvailable");
  }

  @Test
  void recreateScalesTheOldSetToZeroBeforeTheNewOneGrows() {
    Deployment d = deployment("v1");
    d.getSpec().getStrategy().setType("Recreate");
    d.getSpec().getStrategy().setRollingUpdate(null);
    api.deployments.put("web", d);
    settle();
    api.calls.clear();
    Deployment d2 = deployment("v2");
    d2.getSpec().getStrategy().setType("Recreate");
    d2.getSpec().getStrategy().setRollingUpdate(null);
    api.deployments.put("web", d2);
    settle();
    List<String> writes = api.calls.stream().filter(c -> !c.startsWith("annotate")).toList();
    assertThat(writes.get(0)).startsWith("create").endsWith("replicas=0 rev=2");
    assertThat(writes.get(1)).matches("scale web-\\w+ 0");
    assertThat(writes.get(2)).matches("scale web-\\w+ 3");
  }

  @Test
  void aPausedDeploymentMakesNoReplicaSet() {
    Deployment d = deployment("v1");
    d.getSpec().setPaused(true);
    api.deployments.put("web", d);
    settle();
    assertThat(api.calls).isEmpty();
    assertThat(d.getStatus().getConditions().get(1).getReason()).isEqualTo("DeploymentPaused");
  }
}
