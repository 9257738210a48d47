package io.kubling.controllers.servicelb;

import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import java.util.Optional;

/** What the load-balancer IP allocator reads (the service cache) and writes (service status). */
public interface ServiceLbApi {
  Optional<Service> service(String key);

  List<Service> services();

  /** Sets status.loadBalancer.ingress to these IPs (empty: clears it). */
  void setIngress(Service service, List<String> ips);
}
