package io.kubling.ingress.snapshot;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.kubling.ingress.route.Backend;
import io.kubling.ingress.route.IngressPath;
import io.kubling.ingress.route.PathType;
import io.kubling.ingress.route.RouteTable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the proxy's snapshot from the informers' objects, as a pure function: this
 * controller's Ingresses (already filtered by class) in, routes + ready endpoints + TLS out.
 */
public final class SnapshotBuilder {
  static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

  private SnapshotBuilder() {}

  public static IngressSnapshot build(List<Ingress> ingresses, List<Service> services,
      List<EndpointSlice> slices, List<Secret> secrets) {
    List<Ingress> byAge = new ArrayList<>(ingresses);
    byAge.sort(Comparator.comparing((Ingress i) -> nullToEmpty(
        i.getMetadata().getCreationTimestamp())).thenComparing(SnapshotBuilder::key));
    List<IngressPath> paths = new ArrayList<>();
    Backend defaultBackend = null;
    Set<Backend> backends = new LinkedHashSet<>();
    List<TlsCertificate> certs = new ArrayList<>();
    Map<String, Secret> secretsByKey = new HashMap<>();
    secrets.forEach(s -> secretsByKey.put(s.getMetadata().getNamespace() + "/"
        + s.getMetadata().getName(), s));
    for (int order = 0; order < byAge.size(); order++) {
      Ingress ing = byAge.get(order);
      String ns = ing.getMetadata().getNamespace();
      if (ing.getSpec() == null) {
        continue;
      }
      Backend def = backend(ns, ing.getSpec().getDefaultBackend());
      if (def != null) {
        backends.add(def);
        defaultBackend = defaultBackend == null ? def : defaultBackend; // the oldest wins
      }
      for (IngressRule rule : nullToEmpty(ing.getSpec().getRules())) {
        if (rule.getHttp() == null) {
          continue;
        }
        String host = rule.getHost() == null ? "" : rule.getHost();
        for (HTTPIngressPath p : nullToEmpty(rule.getHttp().getPaths())) {
          Backend b = backend(ns, p.getBackend());
          if (b == null) {
            continue; // resource backends are not served by this controller
          }
          backends.add(b);
          paths.add(new IngressPath(host, p.getPath() == null ? "" : p.getPath(),
              PathType.of(p.getPathType()), b, order));
        }
      }
      for (IngressTLS tls : nullToEmpty(ing.getSpec().getTls())) {
        Secret s = tls.getSecretName() == null ? null
            : secretsByKey.get(ns + "/" + tls.getSecretName());
        TlsCertificate c = certificate(ns, tls, s);
        if (c != null) {
          certs.add(c);
        }
      }
    }
    Map<Backend, List<Endpoint>> endpoints = new HashMap<>();
    for (Backend b : backends) {
      List<Endpoint> ready = EndpointResolver.ready(b, services, slices);
      if (!ready.isEmpty()) {
        endpoints.put(b, ready);
      }
    }
    return new IngressSnapshot(RouteTable.build(paths, defaultBackend), endpoints, certs);
  }

  static Backend backend(String namespace, IngressBackend b) {
    if (b == null || b.getService() == null || b.getService().getName() == null) {
      return null;
    }
    var port = b.getService().getPort();
    int number = port == null || port.getNumber() == null ? 0 : port.getNumber();
    String name = port == null || port.getName() == null ? "" : port.getName();
    return new Backend(namespace, b.getService().getName(), number, name);
  }

  private static TlsCertificate certificate(String ns, IngressTLS tls, Secret s) {
    if (s == null || s.getData() == null || !s.getData().containsKey("tls.crt")
        || !s.getData().containsKey("tls.key")) {
      return null;
    }
    try {
      return new TlsCertificate(ns + "/" + s.getMetadata().getName(),
          List.copyOf(nullToEmpty(tls.getHosts())), decode(s.getData().get("tls.crt")),
          decode(s.getData().get("tls.key")));
    } catch (IllegalArgumentException e) {
      return null; // not base64: the API server would not have stored it; skip rather than fail
    }
  }

  private static String decode(String base64) {
    return new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
  }

  /** The port of a service that a backend names, by number or by name; null if none. */
  static ServicePort servicePort(Service svc, Backend b) {
    if (svc.getSpec() == null) {
      return null;
    }
    for (ServicePort p : nullToEmpty(svc.getSpec().getPorts())) {
      if (b.portName().isEmpty() ? p.getPort() == b.portNumber()
          : b.portName().equals(p.getName())) {
        return p;
      }
    }
    return null;
  }

  private static String key(Ingress i) {
    return i.getMetadata().getNamespace() + "/" + i.getMetadata().getName();
  }

  static <T> List<T> nullToEmpty(List<T> l) {
    return l == null ? List.of() : l;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
