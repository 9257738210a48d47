package io.kubling.apiserver.patch;

import static java.util.Objects.requireNonNull;

/**
 * How a strategic merge patch treats one field: the {@code patchStrategy} and
 * {@code patchMergeKey} struct tags k8s.io/api declares on it.
 *
 * @param strategy {@link Strategy#MERGE} merges a list (by {@code mergeKey} for lists of
 *     objects, as a set for lists of primitives); {@link Strategy#REPLACE} replaces even a map;
 *     {@link Strategy#NONE} is the default: lists are replaced, maps merged
 * @param mergeKey the field that identifies an item of a merged list of objects, or null
 * @param retainKeys whether the tag also names {@code retainKeys}: kubectl then sends
 *     {@code $retainKeys} for the field. The server honours that directive on any map, as
 *     Kubernetes does, so this is informational.
 */
public record PatchMeta(Strategy strategy, String mergeKey, boolean retainKeys) {
  /** A field without tags: lists replace, maps merge. */
  public static final PatchMeta NONE = new PatchMeta(Strategy.NONE, null, false);

  /** The values of the {@code patchStrategy} tag that change how a field is patched. */
  public enum Strategy { NONE, MERGE, REPLACE }

  public PatchMeta {
    requireNonNull(strategy, "strategy should not be null");
  }

  public boolean mergesList() {
    return strategy == Strategy.MERGE;
  }

  public boolean replacesMap() {
    return strategy == Strategy.REPLACE;
  }
}
