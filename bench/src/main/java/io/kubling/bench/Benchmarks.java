package io.kubling.bench;

/**
 * Runs every benchmark in one JVM, each on its own fresh etcd and API server, and prints
 * their figures and a summary table for the README.
 */
public final class Benchmarks {
  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    CreateThroughputBench.Result create;
    try (BenchEnv env = BenchEnv.start("bench-create", CreateThroughputBench.CLIENTS)) {
      create = CreateThroughputBench.run(env);
    }
    System.out.println(create.line());
    ListLatencyBench.Result list;
    try (BenchEnv env = BenchEnv.start("bench-list", ListLatencyBench.CREATE_CLIENTS)) {
      list = ListLatencyBench.run(env);
    }
    System.out.println(list.lines());
    System.out.println();
    System.out.println("Summary (" + Runtime.getRuntime().availableProcessors()
        + " cores, medians of " + CreateThroughputBench.ROUNDS + " alternated rounds of "
        + CreateThroughputBench.PER_ROUND + " creates; " + list.cache().count()
        + " alternated LISTs per side):");
    System.out.println();
    Report.markdown(create.medianApi(), create.medianRaw(), list.pods(),
            list.cache().p(99), list.etcd().p(99), list.raw().p(99))
        .forEach(System.out::println);
  }
}
