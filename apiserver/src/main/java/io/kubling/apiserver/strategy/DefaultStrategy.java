package io.kubling.apiserver.strategy;

/** The strategy of a resource with no rules beyond the generic metadata ones. */
public final class DefaultStrategy implements Strategy {
  public static final DefaultStrategy INSTANCE = new DefaultStrategy();
}
