package io.kubling.agent.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubling.agent.AgentConfig;
import io.kubling.agent.AgentTestCluster;
import io.kubling.agent.NodeAgent;
import io.kubling.agent.runtime.FakeRuntime;
import io.kubling.apiserver.ServingSecurity;
import io.kubling.apiserver.serviceaccount.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The token volume with the fake runtime (no processes, no root): the files land in the pod's
 * dir, and a pod whose volume cannot be set up waits in ContainerCreating with the kubelet's
 * MountVolume.SetUp message until it can.
 */
class TokenVolumeFakeRuntimeTest {
  static AgentTestCluster cluster;
  static KubernetesClient client;
  static NodeAgent agent;
  static ScheduledExecutorService scheduler;
  static Path tmp;
  static SigningKey key;

  @BeforeAll
  static void start() throws Exception {
    tmp = Files.createTempDirectory("kubling-token-fake");
    Path keyFile = TokenVolumeNetnsTest.writeKey(tmp.resolve("sa.key"));
    key = SigningKey.load(keyFile);
    ServingSecurity n = ServingSecurity.NONE;
    cluster = new AgentTestCluster(o -> o.withServingSecurity(new ServingSecurity(null, null,
        null, null, List.of(), keyFile, n.serviceAccountIssuer(), n.authorizationModes(),
        n.anonymousAuth())));
    client = cluster.newClient("token-fake-test");
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("team")
        .endMetadata().build()).create();
    client.serviceAccounts().inNamespace("team").resource(new ServiceAccountBuilder()
        .withNewMetadata().withName("default").endMetadata().build()).create();
    scheduler = Executors.newScheduledThreadPool(2);
    Clock clock = Clock.systemUTC();
    AgentConfig c = AgentConfig.defaults("fake1", "10.250.8.1", tmp.resolve("data"))
        .withPodCidr("10.244.8.0/24");
    agent = new NodeAgent(client, c, node -> new FakeRuntime(node.getSpec().getPodCIDR(),
        c.nodeIp(), clock), scheduler, clock).start("kubling-fake://0.1.0");
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {agent, scheduler::shutdownNow, client,
        cluster}) {
      if (c != null) {
        c.close();
      }
    }
    if (tmp != null) {
      try (var walk = Files.walk(tmp)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  static Pod run(String name, String account, Boolean automount) {
    Pod p = client.pods().inNamespace("team").resource(new PodBuilder().withNewMetadata()
        .withName(name).endMetadata().withNewSpec().withServiceAccountName(account)
        .withAutomountServiceAccountToken(automount).withTerminationGracePeriodSeconds(0L)
        .addNewContainer().withName("c").withImage("nginx").endContainer().endSpec().build())
        .create();
    AgentTestCluster.bind(client, p, "fake1");
    return p;
  }

  static ContainerStateWaiting waiting(String name) {
    return client.pods().inNamespace("team").withName(name).get().getStatus()
        .getContainerStatuses().get(0).getState().getWaiting();
  }

  static Path volumeDir(Pod p) {
    return tmp.resolve("data/pods/" + p.getMetadata().getUid()
        + "/volumes/kubernetes.io~projected/" + p.getSpec().getVolumes().get(0).getName());
  }

  @Test
  void aPodWaitsForTheRootCaConfigMapThenRunsWithItsFiles() throws Exception {
    Pod p = run("web", "default", null);
    await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      assertThat(waiting("web").getReason()).isEqualTo("ContainerCreating");
      assertThat(waiting("web").getMessage()).isEqualTo("MountVolume.SetUp failed for volume \""
          + p.getSpec().getVolumes().get(0).getName() + "\" : configmap \"kube-root-ca.crt\""
          + " not found");
    });
    client.configMaps().inNamespace("team").resource(new ConfigMapBuilder().withNewMetadata()
        .withName("kube-root-ca.crt").endMetadata().addToData("ca.crt", "CA").build()).create();
    await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> "Running".equals(
        client.pods().inNamespace("team").withName("web").get().getStatus().getPhase()));

    Path dir = volumeDir(p);
    assertThat(Files.readString(dir.resolve("namespace"))).isEqualTo("team");
    assertThat(Files.readString(dir.resolve("ca.crt"))).isEqualTo("CA");
    SignedJWT jwt = SignedJWT.parse(Files.readString(dir.resolve("token")));
    assertThat(jwt.verify(new RSASSAVerifier(key.publicKey()))).isTrue();
    assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("system:serviceaccount:team:default");

    client.pods().inNamespace("team").withName("web").delete();
    await().atMost(Duration.ofSeconds(30)).until(() -> !Files.exists(dir));
  }

  @Test
  void anAccountThatDoesNotExistGetsNoTokenAndAutomountOffNeedsNone() {
    run("ghost", "ghost", null);
    await().ignoreExceptions().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(waiting("ghost").getMessage()).endsWith(": serviceaccounts \"ghost\" not found"));

    Pod quiet = run("quiet", "ghost", false);
    assertThat(quiet.getSpec().getVolumes()).isEmpty();
    await().ignoreExceptions().atMost(Duration.ofSeconds(30)).until(() -> "Running".equals(
        client.pods().inNamespace("team").withName("quiet").get().getStatus().getPhase()));
    assertThat(tmp.resolve("data/pods/" + quiet.getMetadata().getUid() + "/volumes")).doesNotExist();
  }
}
