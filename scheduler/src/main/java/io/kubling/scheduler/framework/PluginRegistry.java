package io.kubling.scheduler.framework;

import io.kubling.scheduler.framework.plugins.nodeaffinity.NodeAffinity;
import io.kubling.scheduler.framework.plugins.nodename.NodeName;
import io.kubling.scheduler.framework.plugins.nodeports.NodePorts;
import io.kubling.scheduler.framework.plugins.nodeready.NodeReady;
import io.kubling.scheduler.framework.plugins.noderesources.NodeResourcesFit;
import io.kubling.scheduler.framework.plugins.nodeunschedulable.NodeUnschedulable;
import io.kubling.scheduler.framework.plugins.selectorspread.SelectorSpread;
import io.kubling.scheduler.framework.plugins.tainttoleration.TaintToleration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Every plugin this scheduler has, by name: the one place a new plugin is registered. */
public final class PluginRegistry {
  private static final Map<String, Supplier<Plugin>> PLUGINS = new LinkedHashMap<>();

  static {
    PLUGINS.put(NodeUnschedulable.NAME, NodeUnschedulable::new);
    PLUGINS.put(NodeReady.NAME, NodeReady::new);
    PLUGINS.put(NodeName.NAME, NodeName::new);
    PLUGINS.put(TaintToleration.NAME, TaintToleration::new);
    PLUGINS.put(NodeAffinity.NAME, NodeAffinity::new);
    PLUGINS.put(NodePorts.NAME, NodePorts::new);
    PLUGINS.put(NodeResourcesFit.NAME, NodeResourcesFit::new);
    PLUGINS.put(SelectorSpread.NAME, SelectorSpread::new);
  }

  private PluginRegistry() {}

  /** A new instance of the named plugin; unknown names are refused by name. */
  public static Plugin create(String name) {
    Supplier<Plugin> s = PLUGINS.get(name);
    if (s == null) {
      throw new IllegalArgumentException("unknown scheduler plugin: " + name
          + " (known: " + String.join(", ", PLUGINS.keySet()) + ")");
    }
    return s.get();
  }
}
