package io.kubling.agent.pod;

import static java.util.Objects.requireNonNull;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.kubling.agent.runtime.ContainerLaunch;
import io.kubling.agent.runtime.ContainerProcess;
import io.kubling.agent.runtime.PodRef;
import io.kubling.agent.runtime.PodRuntime;
import io.kubling.agent.runtime.Sandbox;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The kubelet's prober: exec, httpGet and tcpSocket probes on a schedule, counting
 * consecutive results against successThreshold and failureThreshold. Startup gates the other
 * two; a failed liveness or startup probe stops the container so its restart policy applies.
 */
public final class ProbeManager implements Prober {
  private final PodRuntime runtime;
  private final ScheduledExecutorService scheduler;
  private final Map<String, List<ScheduledFuture<?>>> tasks = new ConcurrentHashMap<>();

  public ProbeManager(PodRuntime runtime, ScheduledExecutorService scheduler) {
    this.runtime = requireNonNull(runtime, "runtime should not be null");
    this.scheduler = requireNonNull(scheduler, "scheduler should not be null");
  }

  private static String id(String uid, String container) {
    return uid + "/" + container;
  }

  @Override
  public void watch(PodRef pod, Sandbox sandbox, ContainerLaunch launch, Container spec,
      ContainerProcess process, ContainerRecord record, Runnable changed) {
    forget(pod.uid(), spec.getName());
    List<ScheduledFuture<?>> list = new java.util.concurrent.CopyOnWriteArrayList<>();
    for (String kind : List.of("startup", "readiness", "liveness")) {
      Probe p = switch (kind) {
        case "startup" -> spec.getStartupProbe();
        case "readiness" -> spec.getReadinessProbe();
        default -> spec.getLivenessProbe();
      };
      if (p == null) {
        continue;
      }
      Worker w = new Worker(kind, p, sandbox, launch, spec, process, record, changed);
      long delay = orDefault(p.getInitialDelaySeconds(), 0) * 1000L;
      long period = Math.max(1, orDefault(p.getPeriodSeconds(), 10)) * 1000L;
      list.add(scheduler.scheduleWithFixedDelay(w, delay, period, TimeUnit.MILLISECONDS));
    }
    tasks.put(id(pod.uid(), spec.getName()), list);
  }

  @Override
  public void forget(String uid, String container) {
    List<ScheduledFuture<?>> list = tasks.remove(id(uid, container));
    if (list != null) {
      list.forEach(f -> f.cancel(false));
    }
  }

  private static int orDefault(Integer v, int d) {
    return v == null ? d : v;
  }

  /** One probe of one container: its counters and its result. */
  private final class Worker implements Runnable {
    final String kind;
    final Probe probe;
    final Sandbox sandbox;
    final ContainerLaunch launch;
    final Container spec;
    final ContainerProcess process;
    final ContainerRecord record;
    final Runnable changed;
    int successes;
    int failures;

    Worker(String kind, Probe probe, Sandbox sandbox, ContainerLaunch launch, Container spec,
        ContainerProcess process, ContainerRecord record, Runnable changed) {
      this.kind = kind;
      this.probe = probe;
      this.sandbox = sandbox;
      this.launch = launch;
      this.spec = spec;
      this.process = process;
      this.record = record;
      this.changed = changed;
    }

    @Override
    public void run() {
      if (process.exit().isDone()) {
        return;
      }
      if (!kind.equals("startup") && !record.started) {
        return; // startup gates readiness and liveness
      }
      if (kind.equals("startup") && record.started) {
        return;
      }
      boolean ok = ProbeManager.this.run(probe, sandbox, launch, spec);
      if (ok) {
        successes++;
        failures = 0;
      } else {
        failures++;
        successes = 0;
      }
      int successThreshold = Math.max(1, orDefault(probe.getSuccessThreshold(), 1));
      int failureThreshold = Math.max(1, orDefault(probe.getFailureThreshold(), 3));
      switch (kind) {
        case "startup" -> {
          if (successes >= 1) {
            record.started = true;
            if (spec.getReadinessProbe() == null) {
              record.ready = true;
            }
            changed.run();
          } else if (failures >= failureThreshold) {
            stop("startup");
          }
        }
        case "readiness" -> {
          if (successes >= successThreshold && !record.ready) {
            record.ready = true;
            changed.run();
          } else if (failures >= failureThreshold && record.ready) {
            record.ready = false;
            changed.run();
          }
        }
        default -> {
          if (failures >= failureThreshold) {
            stop("liveness");
          }
        }
      }
    }

    private void stop(String why) {
      failures = 0;
      record.stopReason = "Error";
      runtime.signal(process, false);
      // The kubelet kills with the grace period; 5 s here keeps a stuck process from lingering.
      scheduler.schedule(() -> {
        if (!process.exit().isDone()) {
          runtime.signal(process, true);
        }
      }, 5, TimeUnit.SECONDS);
      changed.run();
    }
  }

  /** One probe attempt. */
  boolean run(Probe p, Sandbox sandbox, ContainerLaunch launch, Container spec) {
    int timeout = Math.max(1, orDefault(p.getTimeoutSeconds(), 1));
    try {
      if (p.getExec() != null) {
        return runtime.exec(sandbox, launch, p.getExec().getCommand(),
            Duration.ofSeconds(timeout)).exitCode() == 0;
      }
      if (p.getHttpGet() != null) {
        var h = p.getHttpGet();
        String host = h.getHost() == null || h.getHost().isEmpty() ? sandbox.ip() : h.getHost();
        int port = port(h.getPort(), spec);
        String scheme = h.getScheme() == null ? "http" : h.getScheme().toLowerCase();
        String path = h.getPath() == null ? "/" : h.getPath();
        HttpURLConnection c = (HttpURLConnection) URI.create(scheme + "://" + host + ":" + port
            + (path.startsWith("/") ? path : "/" + path)).toURL().openConnection(Proxy.NO_PROXY);
        c.setConnectTimeout(timeout * 1000);
        c.setReadTimeout(timeout * 1000);
        c.setInstanceFollowRedirects(false);
        c.setRequestProperty("User-Agent", "kube-probe/1.32");
        if (h.getHttpHeaders() != null) {
          h.getHttpHeaders().forEach(x -> c.setRequestProperty(x.getName(), x.getValue()));
        }
        try {
          int code = c.getResponseCode();
          return code >= 200 && code < 400;
        } finally {
          c.disconnect();
        }
      }
      if (p.getTcpSocket() != null) {
        String host = p.getTcpSocket().getHost() == null ? sandbox.ip()
            : p.getTcpSocket().getHost();
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress(host, port(p.getTcpSocket().getPort(), spec)),
              timeout * 1000);
          return true;
        }
      }
      return false;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  static int port(IntOrString port, Container spec) {
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    String name = port.getStrVal();
    for (ContainerPort cp : spec.getPorts() == null ? List.<ContainerPort>of() : spec.getPorts()) {
      if (name.equals(cp.getName())) {
        return cp.getContainerPort();
      }
    }
    try {
      return Integer.parseInt(name);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("no container port named " + name);
    }
  }
}
