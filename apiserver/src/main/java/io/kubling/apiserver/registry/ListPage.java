package io.kubling.apiserver.registry;

import io.kubling.apiserver.cache.CachedObject;
import java.util.List;

/**
 * One LIST answer.
 *
 * @param continueToken null on the last page
 * @param remaining an estimate of the items after this page, or null
 */
public record ListPage(List<CachedObject> items, long revision, String continueToken,
    Long remaining) {}
