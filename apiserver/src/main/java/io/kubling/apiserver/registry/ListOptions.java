package io.kubling.apiserver.registry;

/**
 * The query of a LIST or WATCH, as sent.
 *
 * @param resourceVersion null when unset
 * @param resourceVersionMatch null, NotOlderThan or Exact
 */
public record ListOptions(String labelSelector, String fieldSelector, long limit,
    String continueToken, String resourceVersion, String resourceVersionMatch) {

  public static ListOptions all() {
    return new ListOptions(null, null, 0, null, null, null);
  }
}
