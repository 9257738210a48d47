package io.kubling.component.leaderelection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubling.component.TestCluster;
import io.kubling.component.config.LeaderElectionOptions;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two candidates for one Lease on the real API server: one leads, the other takes over; and a
 * campaign that leads again after losing its Lease.
 */
class LeaderElectionTest {
  private static final Duration GENEROUS = Duration.ofSeconds(30);
  private static TestCluster cluster;
  private static KubernetesClient observer;
  private static final AtomicInteger leases = new AtomicInteger();

  private final List<AutoCloseable> toClose = new ArrayList<>();

  /** A candidate with its own client, recording what its callbacks were told. */
  record Candidate(LeaderElection election, KubernetesClient client, List<String> events) {}

  @BeforeAll
  static void startCluster() {
    cluster = new TestCluster();
    observer = cluster.newClient("observer");
  }

  @AfterAll
  static void stopCluster() {
    if (observer != null) {
      observer.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @AfterEach
  void closeCandidates() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  @Test
  void oneLeadsAndTheOtherTakesOverWhenTheLeaderReleases() {
    LeaderElectionOptions options = shortLease("release-" + leases.incrementAndGet());
    Candidate a = candidate("a", options);
    Candidate b = candidate("b", options);
    a.election().start();
    b.election().start();

    Candidate leader = awaitExactlyOneLeader(a, b);
    Candidate follower = leader == a ? b : a;
    assertThat(holder(options)).isEqualTo(leader.election().identity());
    await().atMost(GENEROUS).until(() -> follower.events()
        .contains("newLeader " + leader.election().identity()));
    assertThat(follower.events()).doesNotContain("start");

    leader.election().close();
    assertThat(leader.events()).contains("start", "stop");
    await().atMost(GENEROUS).until(() -> follower.election().isLeader());
    assertThat(holder(options)).isEqualTo(follower.election().identity());
    // isLeader turns true before the callback thread has run onStartLeading.
    await().atMost(GENEROUS).until(() -> follower.events().contains("start"));
  }

  @Test
  void theOtherTakesOverWhenTheLeadersClientDies() {
    LeaderElectionOptions options = shortLease("crash-" + leases.incrementAndGet());
    Candidate a = candidate("a", options);
    Candidate b = candidate("b", options);
    a.election().start();
    b.election().start();
    Candidate leader = awaitExactlyOneLeader(a, b);
    Candidate follower = leader == a ? b : a;

    // No release: the follower must wait for the lease to run out, then take it.
    leader.client().close();
    await().atMost(GENEROUS).until(() -> follower.election().isLeader());
    assertThat(holder(options)).isEqualTo(follower.election().identity());
    await().atMost(GENEROUS).until(() -> !leader.election().isLeader());
    await().atMost(GENEROUS).until(() -> leader.events().contains("stop"));
  }

  @Test
  void withElectionOffTheComponentLeadsAtOnceAndNoLeaseIsWritten() {
    LeaderElectionOptions options = shortLease("off-" + leases.incrementAndGet())
        .withLeaderElect(false);
    Candidate a = candidate("a", options);
    a.election().start();
    await().atMost(GENEROUS).until(() -> a.events().contains("start"));
    assertThat(a.election().isLeader()).isTrue();
    assertThat(observer.leases().inNamespace("kube-system").withName(options.resourceName()).get())
        .isNull();
    a.election().close();
    assertThat(a.events()).containsExactly("start", "stop");
  }

  @Test
  void defaultIdentityIsTheHostNameAndAUniqueSuffix() {
    String one = LeaderElection.defaultIdentity();
    assertThat(one).contains("_");
    assertThat(LeaderElection.defaultIdentity()).isNotEqualTo(one)
        .startsWith(one.substring(0, one.indexOf('_') + 1));
  }

  /**
   * A {@link Campaign} whose leader loses the Lease (another holder writes it, as after a
   * missed renew deadline on a busy machine) stops leading, campaigns again, and leads again
   * once the other holder's lease runs out, instead of standing by for good.
   */
  @Test
  void leadsAgainAfterLosingTheLease() {
    LeaderElectionOptions options = shortLease("again-" + leases.incrementAndGet());
    List<String> events = new CopyOnWriteArrayList<>();
    try (KubernetesClient client = cluster.newClient("candidate");
        Campaign campaign = new Campaign(client, options, "candidate-1", recording(events))) {
      campaign.start();
      await().atMost(GENEROUS).until(campaign::isLeader);

      // Someone else takes the Lease, once, and never renews it; the leader renews every
      // 500 ms, so the write is retried on 409 Conflict.
      await().atMost(GENEROUS).ignoreExceptionsInstanceOf(KubernetesClientException.class)
          .until(() -> {
            observer.leases().inNamespace(options.resourceNamespace())
                .withName(options.resourceName()).edit(l -> {
                  l.getSpec().setHolderIdentity("thief");
                  l.getSpec().setRenewTime(ZonedDateTime.now());
                  l.getSpec().setAcquireTime(ZonedDateTime.now());
                  return l;
                });
            return true;
          });
      await().atMost(GENEROUS).until(() -> events.contains("stop"));

      await().atMost(GENEROUS).until(() -> campaign.isLeader() && campaign.rounds() == 2);
      await().atMost(GENEROUS).until(() -> leadership(events).size() == 3);
      assertThat(leadership(events)).containsExactly("start", "stop", "start");
      assertThat(observer.leases().inNamespace(options.resourceNamespace())
          .withName(options.resourceName()).get().getSpec().getHolderIdentity())
          .isEqualTo("candidate-1");
    }
  }
  private static List<String> leadership(List<String> events) {
    return events.stream().filter(e -> !e.startsWith("newLeader")).toList();
  }

  /** Callbacks that record what they were told: start, stop, newLeader &lt;identity&gt;. */
  private static LeaderCallbacks recording(List<String> events) {
    return new LeaderCallbacks() {
      @Override
      public void onStartLeading() {
        events.add("start");
      }

      @Override
      public void onStopLeading() {
        events.add("stop");
      }

      @Override
      public void onNewLeader(String identity) {
        events.add("newLeader " + identity);
      }
    };
  }

  private static LeaderElectionOptions shortLease(String name) {
    return LeaderElectionOptions.defaults(name)
        .withTimings(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(500));
  }

  private Candidate candidate(String name, LeaderElectionOptions options) {
    KubernetesClient client = cluster.newClient("candidate-" + name);
    List<String> events = new CopyOnWriteArrayList<>();
    LeaderElection election = new LeaderElection(client, options,
        name + "-" + LeaderElection.defaultIdentity(), recording(events));
    // Closed in reverse order of need: the election first (it may release), then its client.
    toClose.add(0, client);
    toClose.add(0, election);
    return new Candidate(election, client, events);
  }

  private static Candidate awaitExactlyOneLeader(Candidate a, Candidate b) {
    await().atMost(GENEROUS).until(() -> a.election().isLeader() || b.election().isLeader());
    assertThat(a.election().isLeader() && b.election().isLeader()).as("both lead").isFalse();
    return a.election().isLeader() ? a : b;
  }

  private static String holder(LeaderElectionOptions options) {
    Lease lease = observer.leases().inNamespace(options.resourceNamespace())
        .withName(options.resourceName()).get();
    return lease == null ? null : lease.getSpec().getHolderIdentity();
  }
}
