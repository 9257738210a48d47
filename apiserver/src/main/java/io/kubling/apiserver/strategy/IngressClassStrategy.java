package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.validation.FieldError;
import io.kubling.apiserver.validation.FieldErrors;
import io.kubling.apiserver.validation.Names;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * networking.k8s.io/v1 IngressClasses (cluster-scoped): a domain-prefixed controller name that
 * never changes, and an optional reference to parameters scoped to the cluster or a namespace.
 */
public final class IngressClassStrategy implements Strategy {
  public static final IngressClassStrategy INSTANCE = new IngressClassStrategy();
  private static final int MAX_CONTROLLER = 250;
  private static final Pattern PATH = Pattern.compile("[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+");
  private static final List<String> SCOPES = List.of("Cluster", "Namespace");

  private IngressClassStrategy() {}

  @Override
  public void applyDefaults(ObjectNode obj) {
    if (obj.path("spec").get("parameters") instanceof ObjectNode params) {
      Fields.defaultText(params, "scope", "Cluster");
    }
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode spec = obj.path("spec");
    String controller = Fields.str(spec, "controller");
    if (controller.length() > MAX_CONTROLLER) {
      errs.add(FieldError.tooLong("spec.controller", MAX_CONTROLLER));
    }
    errs.addAll(domainPrefixedPath("spec.controller", controller));
    if (Fields.has(spec, "parameters")) {
      errs.addAll(parameters(spec.get("parameters")));
    }
    return errs;
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    List<FieldError> errs = new ArrayList<>(validate(obj));
    String controller = Fields.str(obj.path("spec"), "controller");
    if (!controller.equals(Fields.str(old.path("spec"), "controller"))) {
      errs.add(FieldErrors.immutable("spec.controller", controller));
    }
    return errs;
  }

  /** validation.IsDomainPrefixedPath. */
  private static List<FieldError> domainPrefixedPath(String path, String value) {
    if (value.isEmpty()) {
      return List.of(FieldError.required(path));
    }
    int slash = value.indexOf('/');
    if (slash < 0) {
      return List.of(FieldError.invalid(path, value,
          "must be a domain-prefixed path (such as \"acme.io/foo\")"));
    }
    List<FieldError> errs = new ArrayList<>();
    String host = value.substring(0, slash);
    Names.dns1123Subdomain(host).forEach(m -> errs.add(FieldError.invalid(path, host, m)));
    String rest = value.substring(slash + 1);
    if (!PATH.matcher(rest).matches()) {
      errs.add(FieldError.invalid(path, rest, "Invalid path"));
    }
    return errs;
  }

  private static List<FieldError> parameters(JsonNode p) {
    String at = "spec.parameters";
    List<FieldError> errs = new ArrayList<>();
    if (Fields.str(p, "kind").isEmpty()) {
      errs.add(FieldError.required(at + ".kind", "kind is required"));
    }
    if (Fields.str(p, "name").isEmpty()) {
      errs.add(FieldError.required(at + ".name", "name is required"));
    }
    String scope = Fields.str(p, "scope");
    String namespace = Fields.text(p, "namespace");
    if (!SCOPES.contains(scope)) {
      errs.add(FieldError.notSupported(at + ".scope", scope, SCOPES));
    } else if (scope.equals("Namespace") && namespace == null) {
      errs.add(FieldError.required(at + ".namespace", "`parameters.scope` is set to"
          + " 'Namespace'"));
    } else if (scope.equals("Cluster") && namespace != null) {
      errs.add(FieldError.forbidden(at + ".namespace", "`parameters.scope` is set to"
          + " 'Cluster'"));
    }
    return errs;
  }
}
