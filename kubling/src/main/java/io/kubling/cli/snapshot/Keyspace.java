package io.kubling.cli.snapshot;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Reads every key of an etcd as it was at one revision, a page at a time. */
final class Keyspace {
  static final int PAGE = 1000;
  private static final ByteSequence ALL = ByteSequence.from(new byte[] {0});

  private Keyspace() {}

  static List<io.kubling.cli.snapshot.KeyValue> at(Client client, long revision, String which) {
    List<io.kubling.cli.snapshot.KeyValue> all = new ArrayList<>();
    ByteSequence from = ALL;
    try {
      while (true) {
        GetResponse page = client.getKVClient().get(from, GetOption.builder()
            .withRange(ALL) // key "\0" to range end "\0": every key from "from" on
            .withRevision(revision)
            .withLimit(PAGE)
            .withSortField(GetOption.SortTarget.KEY)
            .withSortOrder(GetOption.SortOrder.ASCEND)
            .build()).get(60, TimeUnit.SECONDS);
        for (KeyValue kv : page.getKvs()) {
          all.add(new io.kubling.cli.snapshot.KeyValue(kv.getKey().getBytes(),
              kv.getValue().getBytes(), kv.getCreateRevision(), kv.getModRevision(),
              kv.getVersion()));
        }
        if (!page.isMore() || page.getKvs().isEmpty()) {
          return all;
        }
        byte[] last = page.getKvs().get(page.getKvs().size() - 1).getKey().getBytes();
        from = ByteSequence.from(Arrays.copyOf(last, last.length + 1)); // last + "\0"
      }
    } catch (ExecutionException e) {
      throw new SnapshotException("cannot read the " + which + " store at revision " + revision
          + ": " + Snapshotter.rootMessage(e), e);
    } catch (TimeoutException e) {
      throw new SnapshotException("the " + which + " store did not answer within 60s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SnapshotException("interrupted while reading the " + which + " store");
    }
  }
}
