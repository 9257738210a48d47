package io.kubling.apiserver.registry;

import io.kubling.apiserver.strategy.Strategy;
import java.util.List;
import java.util.Set;

/**
 * One served resource: where it lives in the API (group, version, plural), what kubectl
 * needs to know of it (kind, short names, categories) and its strategy.
 *
 * @param subresources e.g. {@code status}, {@code binding}, {@code scale}, {@code eviction}
 * @param fieldSelectors fields a list may select on beyond metadata.name and
 *     metadata.namespace, e.g. {@code spec.nodeName}
 */
public record ResourceType(String group, String version, String kind, String plural,
    String singular, boolean namespaced, List<String> shortNames, List<String> categories,
    Set<String> subresources, Set<String> fieldSelectors, Strategy strategy) {

  /** {@code v1} for the core group, otherwise {@code group/version}. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  public String listKind() {
    return kind + "List";
  }

  public boolean hasStatus() {
    return subresources.contains("status");
  }

  /** The etcd key prefix of all objects of this type: {@code /registry/<plural>/}. */
  public String keyPrefix() {
    return "/registry/" + plural + "/";
  }
}
