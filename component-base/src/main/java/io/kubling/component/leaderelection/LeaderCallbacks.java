package io.kubling.component.leaderelection;

/**
 * What a component does as leadership comes and goes. The callbacks run one at a time, in
 * order, on the election's own thread, so onStartLeading may block (e.g. to wait for caches).
 */
public interface LeaderCallbacks {

  /** This candidate now leads: start the controllers. */
  void onStartLeading();

  /**
   * This candidate no longer leads. Another may already lead, so a Kubernetes component
   * exits here rather than keep acting on stale leadership.
   */
  default void onStopLeading() {}

  /** Someone (maybe this candidate) was observed leading; null when the lease was released. */
  default void onNewLeader(String identity) {}
}
