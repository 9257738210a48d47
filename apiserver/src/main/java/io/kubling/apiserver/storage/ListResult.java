package io.kubling.apiserver.storage;

import java.util.List;

/**
 * A page of keys read at one revision.
 *
 * @param more whether keys remain after the last one returned
 */
public record ListResult(List<KeyValue> items, long revision, boolean more) {}
