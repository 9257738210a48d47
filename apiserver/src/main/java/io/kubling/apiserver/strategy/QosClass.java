package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A pod's quality-of-service class from its containers' cpu and memory (qos.GetPodQOS). */
final class QosClass {
  static final String BEST_EFFORT = "BestEffort";
  static final String BURSTABLE = "Burstable";
  static final String GUARANTEED = "Guaranteed";
  private static final Set<String> COMPUTE = Set.of("cpu", "memory");

  private QosClass() {}

  /**
   * BestEffort without any cpu/memory request or limit; Guaranteed when every container limits
   * both and requests equal limits; Burstable otherwise. Zero quantities do not count.
   */
  static String of(JsonNode spec) {
    Map<String, BigDecimal> requests = new HashMap<>();
    Map<String, BigDecimal> limits = new HashMap<>();
    boolean guaranteed = true;
    for (String list : List.of("containers", "initContainers")) {
      for (JsonNode c : Fields.items(spec, list)) {
        JsonNode resources = c.path("resources");
        add(resources.get("requests"), requests);
        Set<String> limited = add(resources.get("limits"), limits);
        if (!limited.containsAll(COMPUTE)) {
          guaranteed = false;
        }
      }
    }
    if (requests.isEmpty() && limits.isEmpty()) {
      return BEST_EFFORT;
    }
    for (var e : requests.entrySet()) {
      BigDecimal limit = limits.get(e.getKey());
      if (limit == null || limit.compareTo(e.getValue()) != 0) {
        guaranteed = false;
        break;
      }
    }
    return guaranteed && requests.size() == limits.size() ? GUARANTEED : BURSTABLE;
  }

  /** Adds the positive cpu/memory quantities to the sums; returns which resources it added. */
  private static Set<String> add(JsonNode list, Map<String, BigDecimal> sums) {
    Set<String> added = new HashSet<>();
    if (list == null || !list.isObject()) {
      return added;
    }
    list.fields().forEachRemaining(e -> {
      BigDecimal q = Quantities.parse(e.getValue().asText());
      if (COMPUTE.contains(e.getKey()) && q != null && q.signum() > 0) {
        sums.merge(e.getKey(), q, BigDecimal::add);
        added.add(e.getKey());
      }
    });
    return added;
  }
}
