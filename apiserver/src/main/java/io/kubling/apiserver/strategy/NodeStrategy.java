package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.validation.FieldError;
import io.kubling.apiserver.validation.GoValue;
import io.kubling.apiserver.validation.Ips;
import io.kubling.apiserver.validation.Names;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Nodes: status may be set on create (a node agent registers with it), is kept on spec
 * updates; the pod CIDR and provider ID may only go from unset to set.
 */
public final class NodeStrategy implements Strategy {
  public static final NodeStrategy INSTANCE = new NodeStrategy();
  static final String CIDR_FIXED = "node updates may not change podCIDR except from \"\" to valid";

  private NodeStrategy() {}

  /** podCIDR and podCIDRs are one field to Kubernetes (podCIDR is podCIDRs[0]). */
  @Override
  public void applyDefaults(ObjectNode obj) {
    ObjectNode spec = Json.with(obj, "spec");
    String cidr = Fields.text(spec, "podCIDR");
    List<JsonNode> cidrs = Fields.items(spec, "podCIDRs");
    if (!Fields.blank(cidr) && cidrs.isEmpty()) {
      spec.set("podCIDRs", Fields.texts(cidr));
    } else if (Fields.blank(cidr) && !cidrs.isEmpty()) {
      spec.put("podCIDR", cidrs.get(0).asText());
    }
    defaultAllocatable(obj);
  }

  @Override
  public void prepareForUpdate(ObjectNode obj, ObjectNode old) {
    Fields.copy(obj, old, "status");
  }

  /** Status writes skip applyDefaults, and that is where a node reports its capacity. */
  @Override
  public void prepareForStatusUpdate(ObjectNode obj, ObjectNode old) {
    Strategy.super.prepareForStatusUpdate(obj, old);
    defaultAllocatable(obj);
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    List<JsonNode> cidrs = Fields.items(obj.path("spec"), "podCIDRs");
    for (int i = 0; i < cidrs.size(); i++) {
      errs.addAll(Ips.validCidr("spec.podCIDRs[" + i + "]", cidrs.get(i).asText()));
    }
    errs.addAll(taints(obj.path("spec")));
    return errs;
  }

  @Override
  public List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    List<FieldError> errs = new ArrayList<>(validate(obj));
    List<JsonNode> oldCidrs = Fields.items(old.path("spec"), "podCIDRs");
    if (!oldCidrs.isEmpty()
        && !Semantic.equal(obj.path("spec").get("podCIDRs"), old.path("spec").get("podCIDRs"))) {
      errs.add(FieldError.forbidden("spec.podCIDRs", CIDR_FIXED));
    }
    String providerID = Fields.str(old.path("spec"), "providerID");
    if (!providerID.isEmpty() && !providerID.equals(Fields.str(obj.path("spec"), "providerID"))) {
      errs.add(FieldError.forbidden("spec.providerID",
          "node updates may not change providerID except from \"\" to valid"));
    }
    return errs;
  }

  /** Taints: keys are label keys, effects known, and one taint per (key, effect). */
  static List<FieldError> taints(JsonNode spec) {
    List<FieldError> errs = new ArrayList<>();
    List<JsonNode> taints = Fields.items(spec, "taints");
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < taints.size(); i++) {
      JsonNode t = taints.get(i);
      String p = "spec.taints[" + i + "]";
      String key = Fields.str(t, "key");
      String value = Fields.str(t, "value");
      String effect = Fields.str(t, "effect");
      Names.labelKey(key).forEach(m -> errs.add(FieldError.invalid(p + ".key", key, m)));
      List<String> valueErrs = Names.labelValue(value);
      if (!valueErrs.isEmpty()) {
        errs.add(FieldError.invalid(p + ".value", value, String.join(";", valueErrs)));
      }
      if (effect.isEmpty()) {
        errs.add(FieldError.required(p + ".effect"));
      } else if (!PodSpecValidation.TAINT_EFFECTS.contains(effect)) {
        errs.add(FieldError.notSupported(p + ".effect", effect, PodSpecValidation.TAINT_EFFECTS));
      }
      if (!seen.add(effect + "\n" + key)) {
        errs.add(new FieldError("FieldValueDuplicate", p, "Duplicate value: core.Taint{Key:"
            + GoValue.quote(key) + ", Value:" + GoValue.quote(value) + ", Effect:"
            + GoValue.quote(effect) + ", TimeAdded:(*v1.Time)(nil)}: taints must be unique by"
            + " key and effect pair"));
      }
    }
    return errs;
  }

  private static void defaultAllocatable(ObjectNode obj) {
    JsonNode status = obj.get("status");
    if (status instanceof ObjectNode s && s.get("capacity") instanceof ObjectNode capacity
        && !Fields.has(s, "allocatable")) {
      s.set("allocatable", capacity.deepCopy());
    }
  }
}
