package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Meta;
import io.kubling.apiserver.validation.FieldError;
import io.kubling.apiserver.validation.Names;
import java.util.ArrayList;
import java.util.List;

/**
 * core/v1 Events: what they are about (involvedObject) must be given and live in the event's
 * namespace; new-style events (with eventTime) also say who reported what and why.
 */
public final class EventStrategy implements Strategy {
  public static final EventStrategy INSTANCE = new EventStrategy();
  static final int REPORTING_INSTANCE_LIMIT = 128;
  static final int ACTION_LIMIT = 128;
  static final int REASON_LIMIT = 128;
  static final int NOTE_LIMIT = 1024;
  static final String NAMESPACE_MISMATCH = "does not match event.namespace";

  private EventStrategy() {}

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    JsonNode involved = obj.get("involvedObject");
    // Kubernetes lets an empty involvedObject through; an event about nothing is useless here.
    if (involved == null || !involved.isObject() || involved.isEmpty()) {
      errs.add(FieldError.required("involvedObject"));
    }
    String namespace = Meta.namespace(obj) == null ? "" : Meta.namespace(obj);
    String involvedNamespace = Fields.str(involved, "namespace");
    if (Fields.blank(Fields.text(obj, "eventTime"))) {
      boolean ok = involvedNamespace.isEmpty()
          ? namespace.isEmpty() || namespace.equals("default")
          : namespace.equals(involvedNamespace);
      if (!ok) {
        errs.add(FieldError.invalid("involvedObject.namespace", involvedNamespace,
            NAMESPACE_MISMATCH));
      }
    } else {
      if (involvedNamespace.isEmpty() && !namespace.equals("default")
          && !namespace.equals("kube-system")) {
        errs.add(FieldError.invalid("involvedObject.namespace", involvedNamespace,
            NAMESPACE_MISMATCH));
      }
      String component = Fields.str(obj, "reportingComponent");
      if (component.isEmpty()) {
        errs.add(FieldError.required("reportingComponent"));
      }
      Names.labelKey(component).forEach(
          m -> errs.add(FieldError.invalid("reportingComponent", component, m)));
      limited(obj, "reportingInstance", REPORTING_INSTANCE_LIMIT, true, errs);
      limited(obj, "action", ACTION_LIMIT, true, errs);
      limited(obj, "reason", REASON_LIMIT, true, errs);
      limited(obj, "message", NOTE_LIMIT, false, errs);
    }
    if (!namespace.isEmpty()) {
      Names.dns1123Subdomain(namespace).forEach(
          m -> errs.add(FieldError.invalid("namespace", namespace, m)));
    }
    return errs;
  }

  private static void limited(JsonNode obj, String field, int limit, boolean required,
      List<FieldError> errs) {
    String v = Fields.str(obj, field);
    if (required && v.isEmpty()) {
      errs.add(FieldError.required(field));
    }
    if (v.length() > limit) {
      errs.add(FieldError.invalid(field, "", "can have at most " + limit + " characters"));
    }
  }
}
