package io.kubling.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Warms a benchmark until the JIT compilers have caught up, so its rounds measure the
 * server's steady state. On this 2-core machine C2 has one thread and a long queue: JFR showed
 * the API server's create path still running tier-3 (profiled C1) code 20 s into a run, C2
 * busy the whole time, and the compiler threads taking half of the API side's CPU per create.
 * A fixed warm-up count settles on one day and not the next; this repeats the step until
 * one step's compile time is under {@link #SETTLED} of its wall time, at most {@code maxSteps}.
 */
final class JitWarmup {
  /** Compile time per wall time under which the JIT counts as settled. */
  static final double SETTLED = 0.05;

  private JitWarmup() {}

  /** One warm-up step; what it throws ends the benchmark. */
  interface Step {
    void run() throws Exception;
  }

  /** Runs {@code step} until settled or {@code maxSteps} times; prints one line per step. */
  static void untilSettled(String what, int maxSteps, Step step) throws Exception {
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    for (int i = 1; i <= maxSteps; i++) {
      long compiled0 = jit.getTotalCompilationTime();
      long start = System.nanoTime();
      step.run();
      double wallMillis = (System.nanoTime() - start) / 1e6;
      double share = (jit.getTotalCompilationTime() - compiled0) / Math.max(1.0, wallMillis);
      System.out.printf(Locale.ROOT, "warm-up %s %d: %.1f s, JIT compiling %.0f%% of it%n",
          what, i, wallMillis / 1000, share * 100);
      if (share < SETTLED) {
        return;
      }
    }
    System.out.printf(Locale.ROOT, "warm-up %s: JIT still compiling after %d steps%n",
        what, maxSteps);
  }
}
