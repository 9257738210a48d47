package io.kubling.controllers.daemonset;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.kubling.controllers.replicaset.Expectations;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DaemonSetReconcilerTest {

  static final class RecordingApi implements DaemonSetApi {
    DaemonSet ds;
    final List<Node> nodes = new ArrayList<>();
    final Map<String, Pod> cache = new LinkedHashMap<>();
    final List<Pod> created = new ArrayList<>();
    final List<String> calls = new ArrayList<>();

    @Override
    public Optional<DaemonSet> daemonSet(String namespace, String name) {
      return Optional.ofNullable(ds);
    }

    @Override
    public List<Node> nodes() {
      return nodes;
    }

    @Override
    public List<Pod> pods(String namespace) {
      return new ArrayList<>(cache.values());
    }

    @Override
    public Pod pod(String namespace, String name) {
      return cache.get(name);
    }

    @Override
    public void createPod(Pod pod) {
      calls.add("create on " + pod.getSpec().getNodeName());
      created.add(pod);
    }

    @Override
    public void deletePod(Pod pod, boolean force) {
      calls.add((force ? "force-delete " : "delete ") + pod.getSpec().getNodeName());
    }

    @Override
    public void updateStatus(DaemonSet d, DaemonSetStatus status) {
      calls.add("status desired=" + status.getDesiredNumberScheduled());
      ds.setStatus(status);
    }
  }

  @Test
  void createsOncePerNodeUntilObservedAndForceDeletesPodsOfVanishedNodes() {
    RecordingApi api = new RecordingApi();
    api.ds = DaemonSetsTest.ds("v1");
    api.nodes.add(DaemonSetsTest.node("a"));
    api.nodes.add(DaemonSetsTest.node("b"));
    DaemonSetReconciler r = new DaemonSetReconciler(api, new Expectations(),
        Clock.fixed(DaemonSetsTest.NOW, ZoneOffset.UTC));
    r.reconcile("ns/agent");
    r.reconcile("ns/agent"); // not yet in the cache: nothing again
    assertThat(api.calls).containsExactly("create on a", "create on b", "status desired=2");
    api.created.forEach(p -> api.cache.put(p.getMetadata().getName(), p));
    api.nodes.remove(1);
    api.calls.clear();
    r.reconcile("ns/agent");
    assertThat(api.calls).containsExactly("force-delete b", "status desired=1");
  }
}
