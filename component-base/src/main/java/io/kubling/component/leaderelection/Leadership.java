package io.kubling.component.leaderelection;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this candidate leads, and the user's callbacks run in order on a thread of their
 * own: fabric8 calls back while holding its elector's lock, so a slow onStartLeading run
 * there would delay lease renewals.
 */
final class Leadership {
  private static final Logger log = LoggerFactory.getLogger(Leadership.class);

  private final String identity;
  private final LeaderCallbacks callbacks;
  private final ExecutorService callbackThread;
  private final AtomicBoolean leading = new AtomicBoolean();
  private volatile String leader;
  private volatile Thread runner;

  Leadership(String identity, String name, LeaderCallbacks callbacks) {
    this.identity = identity;
    this.callbacks = callbacks;
    this.callbackThread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "leader-callbacks-" + name);
      t.setDaemon(true);
      runner = t;
      return t;
    });
  }

  boolean isLeading() {
    return leading.get();
  }

  String leader() {
    return leader;
  }

  void startLeading() {
    if (leading.compareAndSet(false, true)) {
      leader = identity;
      log.atInfo().addKeyValue("identity", identity).log("started leading");
      dispatch("onStartLeading", callbacks::onStartLeading);
    }
  }

  // fabric8 may report the end of leadership twice (on seeing a new holder and on stopping),
  // and the watchdog may too; the flag turns that into exactly one onStopLeading.
  void stopLeading() {
    if (leading.compareAndSet(true, false)) {
      log.atInfo().addKeyValue("identity", identity).log("stopped leading");
      dispatch("onStopLeading", callbacks::onStopLeading);
    }
  }

  void newLeader(String holder) {
    leader = holder;
    log.atInfo().addKeyValue("identity", identity).addKeyValue("leader", holder)
        .log("new leader observed");
    dispatch("onNewLeader", () -> callbacks.onNewLeader(holder));
  }

  /** Runs the callbacks already dispatched, then ends the thread. */
  void close() {
    callbackThread.shutdown();
    if (Thread.currentThread() == runner) {
      return; // closed from a callback: waiting for the callbacks would wait for ourselves
    }
    try {
      if (!callbackThread.awaitTermination(10, TimeUnit.SECONDS)) {
        log.atWarn().addKeyValue("identity", identity).log("leader callbacks still running at close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void dispatch(String what, Runnable callback) {
    try {
      callbackThread.execute(() -> {
        try {
          callback.run();
        } catch (RuntimeException e) {
          log.atError().addKeyValue("identity", identity).addKeyValue("callback", what)
              .setCause(e).log("leader callback failed");
        }
      });
    } catch (RejectedExecutionException e) {
      log.atDebug().addKeyValue("callback", what).log("leader callback after close dropped");
    }
  }
}
