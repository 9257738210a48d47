package io.kubling.agent.kubelet;

import io.kubling.agent.pod.ContainerFinder;
import io.kubling.agent.pod.ContainerHandle;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * GET /containerLogs/{namespace}/{pod}/{container}: a container's log file, all of it or its
 * last tailLines lines, of the current or the previous instance; with follow, new bytes are
 * sent as they are written until the container exits or the client goes away. Timestamps and
 * since* are refused by name: the log files hold the raw output only.
 */
final class ContainerLogs {
  private static final long POLL_MS = 200;
  private static final int CHUNK = 64 * 1024;

  private final Vertx vertx;
  private final ContainerFinder finder;

  ContainerLogs(Vertx vertx, ContainerFinder finder) {
    this.vertx = vertx;
    this.finder = finder;
  }

  void handle(RoutingContext ctx) {
    HttpServerResponse r = ctx.response();
    String ns = ctx.pathParam("namespace");
    String pod = ctx.pathParam("pod");
    String name = ctx.pathParam("container");
    var q = ctx.queryParams();
    for (String unsupported : new String[] {"sinceSeconds", "sinceTime"}) {
      if (q.contains(unsupported)) {
        KubeletStatus.badRequest(r, unsupported + " is not supported by kubling: its container"
            + " logs keep no timestamps");
        return;
      }
    }
    if ("true".equals(q.get("timestamps"))) {
      KubeletStatus.badRequest(r, "timestamps are not supported by kubling: its container logs"
          + " keep no timestamps");
      return;
    }
    int tail;
    long limit;
    try {
      tail = q.contains("tailLines") ? Integer.parseInt(q.get("tailLines")) : -1;
      limit = q.contains("limitBytes") ? Long.parseLong(q.get("limitBytes")) : Long.MAX_VALUE;
    } catch (NumberFormatException e) {
      KubeletStatus.badRequest(r, "tailLines and limitBytes must be integers");
      return;
    }
    boolean previous = "true".equals(q.get("previous"));
    boolean follow = "true".equals(q.get("follow")) && !previous;
    var handle = finder.container(ns, pod, name);
    if (handle.isEmpty()) {
      // The API server found the pod bound here with this container: the agent has not
      // started it yet, which Kubernetes words as waiting to start.
      KubeletStatus.badRequest(r, "container \"" + name + "\" in pod \"" + pod
          + "\" is waiting to start: ContainerCreating");
      return;
    }
    ContainerHandle h = handle.get();
    Path file = previous ? h.previousLog() : h.currentLog();
    if (previous && (file == null || !Files.exists(file))) {
      KubeletStatus.badRequest(r, "previous terminated container \"" + name + "\" in pod \""
          + pod + "\" not found");
      return;
    }
    if (!Files.exists(file) && h.waitingReason() != null) {
      KubeletStatus.badRequest(r, "container \"" + name + "\" in pod \"" + pod
          + "\" is waiting to start: " + h.waitingReason());
      return;
    }
    r.setChunked(true).putHeader("Content-Type", "text/plain");
    vertx.executeBlocking(() -> {
      long size = Files.exists(file) ? Files.size(file) : 0;
      return Files.exists(file) ? LogTail.startOfLastLines(file, size, tail) : 0L;
    }).onSuccess(start -> new Stream(r, file, start, limit, follow ? h : null).next())
        .onFailure(t -> KubeletStatus.fail(r, 500, "InternalError", t.getMessage()));
  }

  /** Sends the file from an offset; when following, polls for more until the end. */
  private final class Stream {
    private final HttpServerResponse r;
    private final Path file;
    private final ContainerHandle follow;
    private long offset;
    private long left;
    private boolean closed;

    Stream(HttpServerResponse r, Path file, long offset, long limit, ContainerHandle follow) {
      this.r = r;
      this.file = file;
      this.offset = offset;
      this.left = limit;
      this.follow = follow;
      r.closeHandler(v -> closed = true);
    }

    void next() {
      // Whether it had exited is read before the file: bytes written before the exit are read.
      boolean exited = follow == null || !follow.running();
      vertx.executeBlocking(this::read).onComplete(ar -> {
        if (closed) {
          return;
        }
        if (ar.failed()) {
          r.end();
          return;
        }
        Buffer b = ar.result();
        if (b.length() > 0) {
          r.write(b);
        }
        if (left <= 0 || (b.length() == 0 && exited)) {
          r.end();
        } else if (r.writeQueueFull()) {
          r.drainHandler(v -> next()); // a slow client: read on once it has taken what we sent
        } else if (b.length() == CHUNK) {
          next();
        } else {
          vertx.setTimer(POLL_MS, id -> next());
        }
      });
    }

    private Buffer read() throws IOException {
      if (!Files.exists(file)) {
        return Buffer.buffer();
      }
      try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
        long n = Math.min(Math.min(CHUNK, left), Math.max(0, f.length() - offset));
        byte[] bytes = new byte[(int) n];
        f.seek(offset);
        f.readFully(bytes);
        offset += n;
        left -= n;
        return Buffer.buffer(bytes);
      }
    }
  }
}
