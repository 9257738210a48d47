package io.kubling.apiserver.storage;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.UnsafeByteOperations;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.kubling.apiserver.storage.encryption.ResourceTransformers;
import io.kubling.apiserver.storage.encryption.TransformException;
import io.kubling.apiserver.storage.encryption.ValueTransformer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Every etcd read and write of the API server: creates guarded by create_revision == 0,
 * updates and deletes guarded by mod_revision, each bounded by a request timeout.
 */
public final class EtcdStorage {
  /** Told each etcd request's operation and latency in nanoseconds, for metrics. */
  public interface Observer {
    void observe(String operation, long nanos);
  }

  private final KV kv;
  private final long timeoutMillis;
  private final Observer observer;
  private final ValueTransformer transformer;

  public EtcdStorage(Client client, Duration requestTimeout) {
    this(client, requestTimeout, (op, nanos) -> { });
  }

  public EtcdStorage(Client client, Duration requestTimeout, Observer observer) {
    this(client, requestTimeout, observer, ValueTransformer.IDENTITY);
  }

  /**
   * With a transformer (encryption at rest): values are transformed here, at the one place
   * they enter and leave etcd, so every layer above sees plaintext.
   */
  public EtcdStorage(Client client, Duration requestTimeout, Observer observer,
      ValueTransformer transformer) {
    this.kv = requireNonNull(client, "client should not be null").getKVClient();
    this.timeoutMillis = requestTimeout.toMillis();
    this.observer = requireNonNull(observer, "observer should not be null");
    this.transformer = requireNonNull(transformer, "transformer should not be null");
  }

  /**
   * The value as etcd gets it, wrapped rather than copied: jetcd copies it into its request
   * anyway, and nobody changes a value once it is written.
   */
  private ByteSequence storedValue(String key, byte[] value) {
    return ByteSequence.from(UnsafeByteOperations.unsafeWrap(transformer.toStorage(key, value)));
  }

  static ByteSequence bs(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }

  /** Creates key and claims, all absent before; returns the new revision. */
  public CompletableFuture<Long> create(String key, byte[] value, List<Claim> claims) {
    List<Cmp> ifs = new ArrayList<>();
    List<Op> thens = new ArrayList<>();
    List<Op> elses = new ArrayList<>();
    ifs.add(absent(key));
    thens.add(Op.put(bs(key), storedValue(key, value), PutOption.DEFAULT));
    if (!claims.isEmpty()) {
      // Only with claims does a failed guard need reads to tell which key was there.
      elses.add(Op.get(bs(key), GetOption.DEFAULT));
      addClaims(claims, ifs, thens, elses);
    }
    return txn("create", ifs, thens, elses).thenApply(r -> {
      if (r.isSucceeded()) {
        return r.getHeader().getRevision();
      }
      if (claims.isEmpty()) {
        throw new StorageError.KeyExists(key); // the one guard: the key was there
      }
      List<GetResponse> gets = r.getGetResponses();
      if (gets.get(0).getCount() > 0) {
        throw new StorageError.KeyExists(key);
      }
      throw new StorageError.KeyExists(firstPresentClaim(claims, gets, 1));
    });
  }

  /**
   * Replaces key if its mod_revision is still expected; creates claims (absent before) and
   * deletes releases in the same transaction. Returns the new revision.
   */
  public CompletableFuture<Long> update(String key, long expected, byte[] value,
      List<Claim> claims, List<String> releases) {
    List<Cmp> ifs = new ArrayList<>();
    List<Op> thens = new ArrayList<>();
    List<Op> elses = new ArrayList<>();
    ifs.add(new Cmp(bs(key), Cmp.Op.EQUAL, CmpTarget.modRevision(expected)));
    thens.add(Op.put(bs(key), storedValue(key, value), PutOption.DEFAULT));
    elses.add(Op.get(bs(key), GetOption.DEFAULT));
    addClaims(claims, ifs, thens, elses);
    releases.forEach(k -> thens.add(Op.delete(bs(k), DeleteOption.DEFAULT)));
    return txn("update", ifs, thens, elses).thenApply(r -> {
      if (r.isSucceeded()) {
        return r.getHeader().getRevision();
      }
      List<GetResponse> gets = r.getGetResponses();
      KeyValue current = first(gets.get(0));
      if (current == null || current.modRevision() != expected) {
        throw new StorageError.Conflict(key, current);
      }
      throw new StorageError.KeyExists(firstPresentClaim(claims, gets, 1));
    });
  }

  /** Deletes key if its mod_revision is still expected, with releases; returns the revision. */
  public CompletableFuture<Long> delete(String key, long expected, List<String> releases) {
    List<Op> thens = new ArrayList<>();
    thens.add(Op.delete(bs(key), DeleteOption.DEFAULT));
    releases.forEach(k -> thens.add(Op.delete(bs(k), DeleteOption.DEFAULT)));
    Cmp guard = new Cmp(bs(key), Cmp.Op.EQUAL, CmpTarget.modRevision(expected));
    return txn("delete", List.of(guard), thens, List.of(Op.get(bs(key), GetOption.DEFAULT)))
        .thenApply(r -> {
          if (r.isSucceeded()) {
            return r.getHeader().getRevision();
          }
          throw new StorageError.Conflict(key, first(r.getGetResponses().get(0)));
        });
  }

  public CompletableFuture<Optional<KeyValue>> get(String key) {
    return bounded("get", kv.get(bs(key))).thenApply(r -> Optional.ofNullable(first(r)));
  }

  /**
   * Keys from startKey (inclusive) up to the end of prefix, at most limit (0 = all), read at
   * revision (0 = latest).
   */
  public CompletableFuture<ListResult> list(String prefix, String startKey, long revision,
      int limit) {
    if (transformer == ValueTransformer.IDENTITY) {
      return listStored(prefix, startKey, revision, limit); // nothing to decode: no copy
    }
    return listStored(prefix, startKey, revision, limit).thenApply(r -> {
      List<KeyValue> items = new ArrayList<>(r.items().size());
      r.items().forEach(k -> items.add(decode(k)));
      return new ListResult(items, r.revision(), r.more());
    });
  }

  /**
   * Like {@link #list} but with values as stored (still encrypted), for a reader that decodes
   * each with {@link #decode} and skips what it cannot read rather than failing the page.
   */
  public CompletableFuture<ListResult> listStored(String prefix, String startKey,
      long revision, int limit) {
    GetOption.Builder opt = GetOption.builder()
        .withRange(bs(prefixEnd(prefix)))
        .withRevision(revision);
    if (limit > 0) {
      opt.withLimit(limit);
    }
    return bounded("list", kv.get(bs(startKey == null ? prefix : startKey), opt.build()))
        .thenApply(r -> {
      List<KeyValue> items = new ArrayList<>(r.getKvs().size());
      r.getKvs().forEach(k -> items.add(stored(k)));
      return new ListResult(items, r.getHeader().getRevision(), r.isMore());
    });
  }

  /** etcd's current revision, read cheaply: a point read of a key that never exists. */
  public CompletableFuture<Long> currentRevision() {
    return bounded("revision", kv.get(bs("/registry/"),
            GetOption.builder().withCountOnly(true).build()))
        .thenApply(r -> r.getHeader().getRevision());
  }

  /** The first key after every key with this prefix. */
  public static String prefixEnd(String prefix) {
    char last = prefix.charAt(prefix.length() - 1);
    return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
  }

  private void addClaims(List<Claim> claims, List<Cmp> ifs, List<Op> thens, List<Op> elses) {
    for (Claim c : claims) {
      ifs.add(absent(c.key()));
      thens.add(Op.put(bs(c.key()), ByteSequence.from(c.value()), PutOption.DEFAULT));
      elses.add(Op.get(bs(c.key()), GetOption.builder().withCountOnly(true).build()));
    }
  }

  private static String firstPresentClaim(List<Claim> claims, List<GetResponse> gets, int from) {
    for (int i = 0; i < claims.size(); i++) {
      if (gets.get(from + i).getCount() > 0) {
        return claims.get(i).key();
      }
    }
    // Nothing present any more: the claim was released in between; a retry will tell.
    return claims.isEmpty() ? "" : claims.get(0).key();
  }

  private static Cmp absent(String key) {
    return new Cmp(bs(key), Cmp.Op.EQUAL, CmpTarget.createRevision(0));
  }

  private CompletableFuture<TxnResponse> txn(String operation, List<Cmp> ifs, List<Op> thens,
      List<Op> elses) {
    return bounded(operation, kv.txn()
        .If(ifs.toArray(Cmp[]::new))
        .Then(thens.toArray(Op[]::new))
        .Else(elses.toArray(Op[]::new))
        .commit());
  }

  private <T> CompletableFuture<T> bounded(String operation, CompletableFuture<T> f) {
    long start = System.nanoTime();
    return f.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
        .whenComplete((r, t) -> observer.observe(operation, System.nanoTime() - start))
        .exceptionally(EtcdErrors::rethrow);
  }

  private KeyValue first(GetResponse r) {
    return r.getKvs().isEmpty() ? null : decode(stored(r.getKvs().get(0)));
  }

  /** A stored key as read from etcd, value untransformed. */
  static KeyValue stored(io.etcd.jetcd.KeyValue k) {
    return new KeyValue(k.getKey().toString(StandardCharsets.UTF_8), k.getValue().getBytes(),
        k.getModRevision(), k.getCreateRevision());
  }

  /** The key with its value as the API sees it; Untransformable if it cannot be read. */
  public KeyValue decode(KeyValue stored) {
    if (transformer == ValueTransformer.IDENTITY) {
      return stored;
    }
    return new KeyValue(stored.key(), fromStorage(stored.key(), stored.value()),
        stored.modRevision(), stored.createRevision());
  }

  /** A stored value (from a read or etcd's watch stream) as the API sees it. */
  public byte[] fromStorage(String key, byte[] stored) {
    return read(key, stored).plain();
  }

  private ValueTransformer.Read read(String key, byte[] stored) {
    if (stored.length == 0) {
      return new ValueTransformer.Read(stored, false); // a deletion's empty value
    }
    try {
      return transformer.fromStorage(key, stored);
    } catch (TransformException e) {
      throw new StorageError.Untransformable(key, e.getMessage());
    }
  }

  /** Whether values under key are encrypted (so a read may find them stale). */
  public boolean encrypts(String key) {
    return transformer instanceof ResourceTransformers r && r.covers(key);
  }

  /**
   * Whether the value at key, still at modRevision, was written by an older provider or key:
   * then rewriting it unchanged re-encrypts it with the current one.
   */
  public CompletableFuture<Boolean> storedStale(String key, long modRevision) {
    return bounded("get", kv.get(bs(key))).thenApply(r -> !r.getKvs().isEmpty()
        && r.getKvs().get(0).getModRevision() == modRevision
        && read(key, r.getKvs().get(0).getValue().getBytes()).stale());
  }
}
