package io.kubling.controllers.servicelb;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The allocator against a recording fake of its API (the service cache and status writes). */
class ServiceLbReconcilerTest {
  /** The cache; writes are recorded and reach the cache only when {@link #catchUp} is called. */
  static final class FakeApi implements ServiceLbApi {
    final Map<String, Service> cache = new TreeMap<>();
    final List<String> writes = new ArrayList<>();
    final Map<String, List<String>> pending = new TreeMap<>();

    @Override
    public Optional<Service> service(String key) {
      return Optional.ofNullable(cache.get(key));
    }

    @Override
    public List<Service> services() {
      return List.copyOf(cache.values());
    }

    @Override
    public void setIngress(Service s, List<String> ips) {
      String key = s.getMetadata().getNamespace() + "/" + s.getMetadata().getName();
      writes.add(key + "=" + ips);
      pending.put(key, ips);
    }

    void catchUp() {
      pending.forEach((k, ips) -> {
        Service s = new ServiceBuilder(cache.get(k)).editOrNewStatus().editOrNewLoadBalancer()
            .withIngress(ips.stream().map(ip -> new LoadBalancerIngressBuilder().withIp(ip)
                .build()).toList()).endLoadBalancer().endStatus().build();
        cache.put(k, s);
      });
      pending.clear();
    }

    void put(String name, String type) {
      Service old = cache.get("default/" + name);
      ServiceBuilder b = old == null ? new ServiceBuilder().withNewMetadata().withName(name)
          .withNamespace("default").endMetadata() : new ServiceBuilder(old);
      cache.put("default/" + name, b.editOrNewSpec().withType(type).endSpec().build());
    }
  }

  FakeApi api;
  ServiceLbReconciler r;

  @BeforeEach
  void setUp() {
    api = new FakeApi();
    r = new ServiceLbReconciler(api, LoadBalancerIpRange.parse("10.250.0.200-10.250.0.201"));
  }

  @Test
  void eachLoadBalancerGetsItsOwnAddressEvenBeforeTheCacheShowsTheFirst() throws Exception {
    api.put("a", "LoadBalancer");
    api.put("b", "LoadBalancer");
    r.reconcile("default/a");
    r.reconcile("default/a"); // again before the cache caught up: no second write
    r.reconcile("default/b");
    assertThat(api.writes).containsExactly("default/a=[10.250.0.200]",
        "default/b=[10.250.0.201]");
    api.catchUp();
    api.put("c", "LoadBalancer");
    r.reconcile("default/c"); // the range is exhausted: c waits, nothing written
    assertThat(api.writes).hasSize(2);
  }

  @Test
  void aDeletedServiceFreesItsAddress() throws Exception {
    api.put("a", "LoadBalancer");
    r.reconcile("default/a");
    api.catchUp();
    api.put("b", "LoadBalancer");
    r.reconcile("default/b");
    api.catchUp();
    api.cache.remove("default/a");
    r.reconcile("default/a");
    api.put("c", "LoadBalancer");
    r.reconcile("default/c");
    assertThat(api.writes).last().isEqualTo("default/c=[10.250.0.200]");
  }

  @Test
  void aTypeChangeClearsTheStatusAndFreesTheAddressOnceTheCacheShowsIt() throws Exception {
    api.put("a", "LoadBalancer");
    r.reconcile("default/a");
    api.catchUp();
    api.put("a", "ClusterIP");
    r.reconcile("default/a");
    assertThat(api.writes).last().isEqualTo("default/a=[]");
    api.put("b", "LoadBalancer");
    api.put("c", "LoadBalancer");
    r.reconcile("default/b"); // a's old address still shows in the cache: not handed out yet
    assertThat(api.writes).last().isEqualTo("default/b=[10.250.0.201]");
    api.catchUp();
    r.reconcile("default/c");
    assertThat(api.writes).last().isEqualTo("default/c=[10.250.0.200]");
  }

  @Test
  void anAllocatorRestartedOnExistingStatusesNeverHandsOutATakenAddress() throws Exception {
    api.put("a", "LoadBalancer");
    r.reconcile("default/a");
    api.catchUp();
    ServiceLbReconciler fresh = new ServiceLbReconciler(api,
        LoadBalancerIpRange.parse("10.250.0.200-10.250.0.201"));
    api.put("b", "LoadBalancer");
    fresh.reconcile("default/b");
    fresh.reconcile("default/a");
    assertThat(api.writes).containsExactly("default/a=[10.250.0.200]",
        "default/b=[10.250.0.201]");
  }

  @Test
  void otherTypesAreLeftAlone() throws Exception {
    api.put("a", "NodePort");
    r.reconcile("default/a");
    r.reconcile("default/missing");
    assertThat(api.writes).isEmpty();
  }
}
