package io.kubling.apiserver.registry;

/**
 * A DELETE's options (query or body).
 *
 * @param gracePeriodSeconds null when unset
 * @param propagationPolicy null, Orphan, Background or Foreground
 */
public record DeleteOptions(Long gracePeriodSeconds, String propagationPolicy,
    String preconditionUid, String preconditionResourceVersion, boolean dryRun) {

  public static DeleteOptions defaults() {
    return new DeleteOptions(null, null, null, null, false);
  }
}
