package io.kubling.apiserver.storage;

import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.common.exception.EtcdException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/** Turns what jetcd throws into a {@link StorageError}. */
final class EtcdErrors {
  private EtcdErrors() {}

  static <T> T rethrow(Throwable t) {
    throw translate(t);
  }

  static RuntimeException translate(Throwable t) {
    Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    if (cause instanceof StorageError s) {
      return s;
    }
    if (cause instanceof CompactedException
        || (cause.getMessage() != null && cause.getMessage().contains("compacted"))) {
      return new StorageError.Compacted(cause.getMessage(), cause);
    }
    if (cause instanceof TimeoutException) {
      return new StorageError.Unavailable("etcd did not answer in time", cause);
    }
    if (cause instanceof EtcdException || cause instanceof io.grpc.StatusRuntimeException
        || cause instanceof java.io.IOException) {
      return new StorageError.Unavailable("etcd: " + cause.getMessage(), cause);
    }
    return cause instanceof RuntimeException r ? r : new CompletionException(cause);
  }
}
