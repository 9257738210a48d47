package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubling.apiserver.validation.FieldError;
import io.kubling.apiserver.validation.Ips;
import io.kubling.apiserver.validation.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** ValidateIngressSpec of networking/v1, with Kubernetes' field paths and messages. */
final class IngressValidation {
  static final List<String> PATH_TYPES = List.of("Exact", "ImplementationSpecific", "Prefix");
  private static final List<String> INVALID_SEQUENCES = List.of("//", "/./", "/../", "%2f", "%2F");
  private static final List<String> INVALID_SUFFIXES = List.of("/..", "/.");
  private static final String WILDCARD_FMT =
      "\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
  private static final Pattern WILDCARD = Pattern.compile(WILDCARD_FMT);
  private static final String WILDCARD_MSG = "a wildcard DNS-1123 subdomain must start with"
      + " '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric"
      + " characters, '-' or '.' and end with an alphanumeric character";
  static final String CLASS_ANNOTATION = "kubernetes.io/ingress.class";

  private IngressValidation() {}

  static List<FieldError> validate(JsonNode ing) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode spec = ing.path("spec");
    List<JsonNode> rules = Fields.items(spec, "rules");
    if (rules.isEmpty() && !Fields.has(spec, "defaultBackend")) {
      errs.add(new FieldError("FieldValueInvalid", "spec", "Invalid value: "
          + "[]networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified"));
    }
    if (Fields.has(spec, "defaultBackend")) {
      errs.addAll(IngressBackends.validate(spec.get("defaultBackend"), "spec.defaultBackend"));
    }
    for (int i = 0; i < rules.size(); i++) {
      errs.addAll(rule(rules.get(i), "spec.rules[" + i + "]"));
    }
    List<JsonNode> tls = Fields.items(spec, "tls");
    for (int i = 0; i < tls.size(); i++) {
      List<JsonNode> hosts = Fields.items(tls.get(i), "hosts");
      for (int h = 0; h < hosts.size(); h++) {
        errs.addAll(host(hosts.get(h).asText(), "spec.tls[" + i + "].hosts[" + h + "]", false));
      }
      String secret = Fields.str(tls.get(i), "secretName");
      String at = "spec.tls[" + i + "].secretName";
      if (!secret.isEmpty()) {
        Names.dns1123Subdomain(secret).forEach(m -> errs.add(FieldError.invalid(at, secret, m)));
      }
    }
    String className = Fields.text(spec, "ingressClassName");
    if (className != null) {
      Names.dns1123Subdomain(className).forEach(
          m -> errs.add(FieldError.invalid("spec.ingressClassName", className, m)));
      String annotation = Fields.text(ing.path("metadata").path("annotations"), CLASS_ANNOTATION);
      if (annotation != null && !annotation.equals(className)) {
        errs.add(FieldError.invalid("annotations.kubernetes.io/ingress.class", annotation,
            "must match `ingressClassName` when both are specified"));
      }
    }
    return errs;
  }

  /** status.loadBalancer.ingress: IPs that parse, hostnames that are DNS names. */
  static List<FieldError> validateStatus(JsonNode ing) {
    List<FieldError> errs = new ArrayList<>();
    List<JsonNode> points = Fields.items(ing.path("status").path("loadBalancer"), "ingress");
    for (int i = 0; i < points.size(); i++) {
      String p = "status.loadBalancer.ingress[" + i + "]";
      String ip = Fields.str(points.get(i), "ip");
      if (!ip.isEmpty()) {
        errs.addAll(Ips.validIp(p + ".ip", ip));
      }
      String hostname = Fields.str(points.get(i), "hostname");
      if (!hostname.isEmpty()) {
        Names.dns1123Subdomain(hostname).forEach(
            m -> errs.add(FieldError.invalid(p + ".hostname", hostname, m)));
        if (Ips.parse(hostname) != null) {
          errs.add(FieldError.invalid(p + ".hostname", hostname, "must be a DNS name, not an IP"
              + " address"));
        }
      }
    }
    return errs;
  }

  private static List<FieldError> rule(JsonNode rule, String path) {
    List<FieldError> errs = new ArrayList<>();
    String h = Fields.str(rule, "host");
    if (!h.isEmpty()) {
      errs.addAll(host(h, path + ".host", true));
    }
    if (Fields.has(rule, "http")) {
      List<JsonNode> paths = Fields.items(rule.get("http"), "paths");
      if (paths.isEmpty()) {
        errs.add(FieldError.required(path + ".http.paths"));
      }
      for (int i = 0; i < paths.size(); i++) {
        errs.addAll(httpPath(paths.get(i), path + ".http.paths[" + i + "]"));
      }
    }
    return errs;
  }

  private static List<FieldError> host(String host, String path, boolean refuseIp) {
    List<FieldError> errs = new ArrayList<>();
    if (refuseIp && Ips.parse(host) != null) {
      errs.add(FieldError.invalid(path, host, "must be a DNS name, not an IP address"));
    }
    if (host.contains("*")) {
      if (!WILDCARD.matcher(host).matches()) {
        errs.add(FieldError.invalid(path, host,
            Names.regexError(WILDCARD_MSG, WILDCARD_FMT, "*.example.com")));
      }
    } else {
      Names.dns1123Subdomain(host).forEach(m -> errs.add(FieldError.invalid(path, host, m)));
    }
    return errs;
  }

  private static List<FieldError> httpPath(JsonNode p, String path) {
    List<FieldError> errs = new ArrayList<>();
    String type = Fields.text(p, "pathType");
    String value = Fields.str(p, "path");
    if (type == null) {
      errs.add(FieldError.required(path + ".pathType", "pathType must be specified"));
      return errs;
    }
    switch (type) {
      case "Exact", "Prefix" -> {
        if (!value.startsWith("/")) {
          errs.add(FieldError.invalid(path + ".path", value, "must be an absolute path"));
        }
        for (String seq : INVALID_SEQUENCES) {
          if (value.contains(seq)) {
            errs.add(FieldError.invalid(path + ".path", value, "must not contain '" + seq + "'"));
          }
        }
        for (String suffix : INVALID_SUFFIXES) {
          if (value.endsWith(suffix)) {
            errs.add(FieldError.invalid(path + ".path", value, "cannot end with '" + suffix
                + "'"));
          }
        }
      }
      case "ImplementationSpecific" -> {
        if (!value.isEmpty() && !value.startsWith("/")) {
          errs.add(FieldError.invalid(path + ".path", value, "must be an absolute path"));
        }
      }
      default -> errs.add(FieldError.notSupported(path + ".pathType", type, PATH_TYPES));
    }
    errs.addAll(IngressBackends.validate(p.path("backend"), path + ".backend"));
    return errs;
  }
}
