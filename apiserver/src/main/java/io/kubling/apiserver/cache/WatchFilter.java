package io.kubling.apiserver.cache;

/** Which objects a client watch or list wants. */
@FunctionalInterface
public interface WatchFilter {
  WatchFilter EVERYTHING = o -> true;

  boolean matches(CachedObject object);
}
