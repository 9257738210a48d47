package io.kubling.scheduler.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kubling.component.client.ClientSettings;
import io.kubling.component.client.KubeClients;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class EventRecorderTest {

  @Test
  void eventJsonIsTheEventKubernetesRecords() {
    String json = EventRecorder.eventJson("ns", "web-0", "uid-1", "42", "Warning",
        "FailedScheduling", "0/3 nodes are available: \"quoted\"\nand a \\ backslash",
        "default-scheduler", "abc", Instant.parse("2026-11-26T10:15:30.250Z"));
    Event e = new KubernetesSerialization().unmarshal(json, Event.class);
    assertThat(e.getMetadata().getName()).isEqualTo("web-0.abc");
    assertThat(e.getMetadata().getNamespace()).isEqualTo("ns");
    assertThat(e.getInvolvedObject().getKind()).isEqualTo("Pod");
    assertThat(e.getInvolvedObject().getName()).isEqualTo("web-0");
    assertThat(e.getInvolvedObject().getUid()).isEqualTo("uid-1");
    assertThat(e.getInvolvedObject().getResourceVersion()).isEqualTo("42");
    assertThat(e.getType()).isEqualTo("Warning");
    assertThat(e.getReason()).isEqualTo("FailedScheduling");
    assertThat(e.getMessage()).isEqualTo("0/3 nodes are available: \"quoted\"\nand a \\ backslash");
    assertThat(e.getSource().getComponent()).isEqualTo("default-scheduler");
    assertThat(e.getReportingComponent()).isEqualTo("default-scheduler");
    assertThat(e.getFirstTimestamp()).isEqualTo("2026-11-26T10:15:30Z");
    assertThat(e.getLastTimestamp()).isEqualTo("2026-11-26T10:15:30Z");
    assertThat(e.getCount()).isEqualTo(1);
  }

  @Test
  void eventsWaitWhileBindingsAreBackedUp() {
    AtomicBoolean backedUp = new AtomicBoolean(true);
    // Nothing listens on port 1: the writes that go out never succeed, and stay in flight
    // (fabric8 retries them) until the client closes.
    try (KubernetesClient client = KubeClients.forMaster("http://127.0.0.1:1",
        ClientSettings.defaults("event-recorder-test"))) {
      EventRecorder events = new EventRecorder(client, "default-scheduler", 4, backedUp::get);
      var pod = new PodBuilder().withNewMetadata().withNamespace("ns").withName("p")
          .withUid("u").endMetadata().build();
      events.normal(pod, "Scheduled", "Successfully assigned ns/p to n1");
      events.normal(pod, "Scheduled", "Successfully assigned ns/p to n2");
      events.drain();
      assertThat(events.queued()).isEqualTo(2);
      assertThat(events.pending()).isEqualTo(2);

      backedUp.set(false);
      events.drain();
      // Both went out at once (4 may be in flight); closing the client ends them.
      assertThat(events.queued()).isZero();
      assertThat(events.pending()).isEqualTo(2);
      assertThat(events.dropped()).isZero();
    }
  }
}
