package io.kubling.scheduler.framework;

/** A scheduling plugin, known by its Kubernetes name (e.g. "TaintToleration"). */
public interface Plugin {
  String name();
}
