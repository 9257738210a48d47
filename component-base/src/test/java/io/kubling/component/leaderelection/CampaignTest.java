package io.kubling.component.leaderelection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubling.component.TestCluster;
import io.kubling.component.config.LeaderElectionOptions;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A leader that loses its Lease (here: another holder writes it, as after a missed renew
 * deadline on a busy machine) stops leading, campaigns again, and leads again once the other
 * holder's lease runs out, instead of standing by for good.
 */
class CampaignTest {
  private static final Duration GENEROUS = Duration.ofSeconds(30);
  private static TestCluster cluster;
  private static KubernetesClient admin;

  @BeforeAll
  static void startCluster() {
    cluster = new TestCluster();
    admin = cluster.newClient("thief");
  }

  @AfterAll
  static void stopCluster() {
    if (admin != null) {
      admin.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void leadsAgainAfterLosingTheLease() {
    LeaderElectionOptions options = LeaderElectionOptions.defaults("campaign-again")
        .withTimings(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(500));
    List<String> events = new CopyOnWriteArrayList<>();
    try (KubernetesClient client = cluster.newClient("candidate");
        Campaign campaign = new Campaign(client, options, "candidate-1", new LeaderCallbacks() {
          @Override
          public void onStartLeading() {
            events.add("start");
          }

          @Override
          public void onStopLeading() {
            events.add("stop");
          }
        })) {
      campaign.start();
      await().atMost(GENEROUS).until(campaign::isLeader);

      // Someone else takes the Lease, once, and never renews it; the leader renews every
      // 500 ms, so the write is retried on 409 Conflict.
      await().atMost(GENEROUS).ignoreExceptionsInstanceOf(KubernetesClientException.class)
          .until(() -> {
            admin.leases().inNamespace(options.resourceNamespace())
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
      await().atMost(GENEROUS).until(() -> events.size() == 3);
      assertThat(events).containsExactly("start", "stop", "start");
      assertThat(admin.leases().inNamespace(options.resourceNamespace())
          .withName(options.resourceName()).get().getSpec().getHolderIdentity())
          .isEqualTo("candidate-1");
    }
  }
}
