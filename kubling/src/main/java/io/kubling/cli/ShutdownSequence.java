package io.kubling.cli;

import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Stops what a command started, last started first, exactly once: from the JVM's shutdown
 * hook (Ctrl-C, SIGTERM) or when start-up fails half-way. etcd starts first, so it stops
 * last, after the API server has let go of it.
 */
final class ShutdownSequence implements Runnable {
  private record Part(String name, AutoCloseable part) {}

  private final Deque<Part> started = new ArrayDeque<>();
  private final PrintWriter out;
  private boolean done;

  private ShutdownSequence(PrintWriter out) {
    this.out = out;
  }

  static ShutdownSequence install(PrintWriter out) {
    ShutdownSequence s = new ShutdownSequence(out);
    Runtime.getRuntime().addShutdownHook(new Thread(s, "kubling-shutdown"));
    return s;
  }

  /** Records a started part; if shutdown has begun already, stops it at once instead. */
  void add(String name, AutoCloseable part) {
    synchronized (this) {
      if (!done) {
        started.push(new Part(name, part));
        return;
      }
    }
    stop(new Part(name, part));
    throw new UserError("shutting down");
  }

  @Override
  public void run() {
    synchronized (this) {
      if (done) {
        return;
      }
      done = true;
    }
    Part p;
    while ((p = poll()) != null) {
      stop(p);
    }
  }

  private synchronized Part poll() {
    return started.poll();
  }

  private void stop(Part p) {
    try {
      p.part().close();
      out.println(p.name() + " stopped");
    } catch (Exception e) {
      out.println(p.name() + " did not stop cleanly: " + e.getMessage());
    }
    out.flush();
  }
}
