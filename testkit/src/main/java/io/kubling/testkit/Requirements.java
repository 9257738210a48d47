package io.kubling.testkit;

import org.junit.jupiter.api.Assumptions;

/**
 * What a test needs from the machine (root, kubectl, CNI plugins). On a developer's machine
 * a missing piece skips the test; in CI (CI=true), whose script installs everything, it
 * fails it: a test skipped in CI would count as not written.
 */
public final class Requirements {
  private Requirements() {}

  public static void require(boolean present, String what) {
    if ("true".equals(System.getenv("CI"))) {
      if (!present) {
        throw new AssertionError("CI must provide this: " + what);
      }
      return;
    }
    Assumptions.assumeTrue(present, what);
  }
}
