package io.kubling.agent.runtime;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * A started container: its process id (0 for the fake runtime), when it started, and its exit
 * code once it exits.
 */
public record ContainerProcess(String name, long pid, Instant startedAt,
    CompletableFuture<Integer> exit) {}
