package io.kubling.proxy;

import java.io.IOException;
import java.util.SortedSet;

/** The only side effect of a rule-based mode: apply rendered text, list what exists, clean up. */
public interface RuleApplier {
  /** Applies rendered rule text in one transaction. */
  void apply(String rules) throws IOException;

  /** The per-service chains (and sets) the proxy owns that exist now. */
  SortedSet<String> ownedServiceObjects() throws IOException;

  /** Removes everything the proxy owns, and nothing else (--cleanup). */
  void cleanup() throws IOException;
}
