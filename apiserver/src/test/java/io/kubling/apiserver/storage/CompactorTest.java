package io.kubling.apiserver.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcd.jetcd.Client;
import io.kubling.testkit.EtcdServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CompactorTest {

  @Test
  void compactsToTheRevisionSeenOneRoundEarlierAndTwoServersShareTheWork() throws Exception {
    try (EtcdServer etcd = EtcdServer.start("compactor");
        Client client = Client.builder().endpoints(etcd.clientEndpoints().toArray(String[]::new))
            .build();
        Compactor a = new Compactor(client, Duration.ZERO);
        Compactor b = new Compactor(client, Duration.ZERO)) {
      EtcdStorage storage = new EtcdStorage(client, Duration.ofSeconds(5));
      long first = storage.create("/registry/configmaps/x/a", "{}".getBytes(StandardCharsets.UTF_8),
          List.of()).get(5, TimeUnit.SECONDS);
      a.tick(); // remembers the current revision, compacts nothing yet
      b.tick(); // another server's round in between: a must not compact on the next one
      long second = storage.create("/registry/configmaps/x/b", "{}".getBytes(),
          List.of()).get(5, TimeUnit.SECONDS);
      assertThat(storage.list("/registry/configmaps/", null, first, 0).get(5, TimeUnit.SECONDS)
          .items()).hasSize(1);
      a.tick();
      a.tick(); // now a's round follows its own: compacts to the revision of its last round
      assertThatThrownBy(() -> storage.list("/registry/configmaps/", null, first, 0).join())
          .isInstanceOf(CompletionException.class).hasCauseInstanceOf(StorageError.Compacted.class);
      // The latest state is untouched.
      assertThat(storage.list("/registry/configmaps/", null, 0, 0).get(5, TimeUnit.SECONDS)
          .items()).hasSize(2);
      assertThat(second).isGreaterThan(first);
    }
  }
}
