package io.kubling.controllers.servicelb;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.kubling.component.controller.Reconciler;
import io.kubling.component.controller.Result;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every Service of type LoadBalancer an address from --load-balancer-ip-range in
 * status.loadBalancer.ingress, as a cloud's service controller or MetalLB would; the node
 * proxies then route that address like the NodePort. An address is in use while any service's
 * status shows it or this controller has written it and the cache does not show it yet, so no
 * two services ever get the same one. Deleting the service, or changing its type, frees it
 * (the status is cleared on a type change). Runs with one worker, so allocations never race.
 */
public final class ServiceLbReconciler implements Reconciler {
  private static final Logger log = LoggerFactory.getLogger(ServiceLbReconciler.class);
  static final Duration FULL_RETRY = Duration.ofSeconds(30);

  private final ServiceLbApi api;
  private final LoadBalancerIpRange range;
  private final Map<String, String> allocated = new ConcurrentHashMap<>();

  public ServiceLbReconciler(ServiceLbApi api, LoadBalancerIpRange range) {
    this.api = api;
    this.range = range;
  }

  @Override
  public Result reconcile(String key) {
    Optional<Service> found = api.service(key);
    if (found.isEmpty()) {
      release(key);
      return Result.done();
    }
    Service svc = found.get();
    List<String> have = ours(svc);
    if (!"LoadBalancer".equals(svc.getSpec().getType())) {
      if (!have.isEmpty()) {
        api.setIngress(svc, List.of()); // the type changed: the address goes back to the pool
      }
      release(key);
      return Result.done();
    }
    if (!have.isEmpty()) {
      allocated.put(key, have.get(0));
      return Result.done();
    }
    if (allocated.containsKey(key)) {
      return Result.done(); // written; the cache has not caught up yet
    }
    Set<String> used = new HashSet<>(allocated.values());
    for (Service s : api.services()) {
      used.addAll(ours(s));
    }
    String requested = svc.getSpec().getLoadBalancerIP();
    Optional<String> ip;
    if (requested != null && !requested.isEmpty()) {
      if (!range.contains(requested) || used.contains(requested)) {
        log.atWarn().addKeyValue("service", key).addKeyValue("loadBalancerIP", requested)
            .log("requested load-balancer IP is outside --load-balancer-ip-range or taken;"
                + " not allocating");
        return Result.done();
      }
      ip = Optional.of(requested);
    } else {
      ip = range.next(used);
    }
    if (ip.isEmpty()) {
      log.atWarn().addKeyValue("service", key).log("no free load-balancer IP; will look again");
      return Result.requeueAfter(FULL_RETRY);
    }
    allocated.put(key, ip.get());
    try {
      api.setIngress(svc, List.of(ip.get()));
    } catch (RuntimeException e) {
      allocated.remove(key);
      throw e;
    }
    log.atInfo().addKeyValue("service", key).addKeyValue("ip", ip.get())
        .log("load-balancer IP allocated");
    return Result.done();
  }

  private void release(String key) {
    String ip = allocated.remove(key);
    if (ip != null) {
      log.atInfo().addKeyValue("service", key).addKeyValue("ip", ip)
          .log("load-balancer IP released");
    }
  }

  /** The ingress IPs of a service that come from this controller's range. */
  private List<String> ours(Service s) {
    List<String> out = new ArrayList<>();
    if (s.getStatus() != null && s.getStatus().getLoadBalancer() != null
        && s.getStatus().getLoadBalancer().getIngress() != null) {
      for (LoadBalancerIngress in : s.getStatus().getLoadBalancer().getIngress()) {
        if (in.getIp() != null && range.contains(in.getIp())) {
          out.add(in.getIp());
        }
      }
    }
    return out;
  }
}
