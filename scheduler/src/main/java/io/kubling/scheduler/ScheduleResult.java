package io.kubling.scheduler;

/**
 * The outcome of one scheduling attempt: the chosen node, or the Unschedulable message.
 *
 * @param node the chosen node; null when none fits
 * @param message Kubernetes' FitError message when no node fits; null otherwise
 * @param evaluatedNodes nodes filtered during the attempt
 * @param feasibleNodes nodes that passed the filters (at most the number to find)
 */
public record ScheduleResult(String node, String message, int evaluatedNodes, int feasibleNodes) {
  public boolean scheduled() {
    return node != null;
  }
}
