package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.json.Meta;
import io.kubling.apiserver.validation.FieldError;
import io.kubling.apiserver.validation.NameRule;
import io.kubling.apiserver.validation.Names;
import java.util.ArrayList;
import java.util.List;

/**
 * Namespaces: Active on create, the {@code kubernetes} finalizer added on create (only the
 * finalize subresource may remove it), and the name mirrored into a label.
 */
public final class NamespaceStrategy implements Strategy {
  public static final NamespaceStrategy INSTANCE = new NamespaceStrategy();
  public static final String FINALIZER = "kubernetes";
  public static final String NAME_LABEL = "kubernetes.io/metadata.name";

  private NamespaceStrategy() {}

  @Override
  public NameRule nameRule() {
    return NameRule.DNS1123_LABEL;
  }

  /** The label is always the name, so selectors can pick namespaces by name. */
  @Override
  public void applyDefaults(ObjectNode obj) {
    String name = Meta.name(obj);
    if (!Fields.blank(name)) {
      Json.with(obj, "metadata", "labels").put(NAME_LABEL, name);
    }
  }

  /**
   * The finalizer is added here rather than as a default because it is removed during the
   * namespace's life and must not come back on the next write.
   */
  @Override
  public void prepareForCreate(ObjectNode obj) {
    obj.putObject("status").put("phase", "Active");
    ObjectNode spec = Json.with(obj, "spec");
    if (!(spec.get("finalizers") instanceof ArrayNode)) {
      spec.putArray("finalizers");
    }
    ArrayNode finalizers = (ArrayNode) spec.get("finalizers");
    boolean present = false;
    for (JsonNode f : finalizers) {
      present |= FINALIZER.equals(f.asText());
    }
    if (!present) {
      finalizers.add(FINALIZER);
    }
  }

  @Override
  public void prepareForUpdate(ObjectNode obj, ObjectNode old) {
    Fields.copy(Json.with(obj, "spec"), old.path("spec"), "finalizers");
    Fields.copy(obj, old, "status");
  }

  /** A finalizer is a qualified name, and one without a prefix must be a standard one. */
  @Override
  public List<FieldError> validate(ObjectNode obj) {
    List<FieldError> errs = new ArrayList<>();
    List<JsonNode> finalizers = Fields.items(obj.path("spec"), "finalizers");
    for (int i = 0; i < finalizers.size(); i++) {
      String f = finalizers.get(i).asText();
      String p = "spec.finalizers[" + i + "]";
      List<String> msgs = Names.labelKey(f);
      msgs.forEach(m -> errs.add(FieldError.invalid(p, f, m)));
      if (msgs.isEmpty() && !f.contains("/") && !f.equals(FINALIZER)) {
        errs.add(FieldError.invalid(p, f,
            "name is neither a standard finalizer name nor is it fully qualified"));
      }
    }
    return errs;
  }
}
