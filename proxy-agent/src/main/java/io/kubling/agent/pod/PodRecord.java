package io.kubling.agent.pod;

import io.kubling.agent.runtime.PodRef;
import io.kubling.agent.runtime.Sandbox;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the agent holds for one pod incarnation (one uid) it runs. */
final class PodRecord {
  final PodRef ref;
  final Instant startTime;
  Sandbox sandbox;
  /** The config hash of the static pod this runs, or null for a pod from the API. */
  String mirrorHash;
  final Map<String, ContainerRecord> containers = new LinkedHashMap<>();
  /** Set once SIGTERM went out; SIGKILL follows at killAt. */
  Instant killAt;
  boolean killed;

  PodRecord(PodRef ref, Instant startTime) {
    this.ref = ref;
    this.startTime = startTime;
  }

  ContainerRecord container(String name) {
    return containers.computeIfAbsent(name, ContainerRecord::new);
  }

  boolean anyRunning() {
    return containers.values().stream().anyMatch(ContainerRecord::running);
  }
}
