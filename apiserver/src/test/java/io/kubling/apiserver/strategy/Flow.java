package io.kubling.apiserver.strategy;

import static io.kubling.apiserver.validation.Trees.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.validation.Trees;
import java.util.List;
import java.util.function.Consumer;

/** Drives a strategy the way the store does, so tests see what a client would. */
final class Flow {
  private Flow() {}

  /** applyDefaults then prepareForCreate, as the store does before validating a create. */
  static ObjectNode created(Strategy s, String singleQuotedJson) {
    ObjectNode obj = json(singleQuotedJson);
    s.applyDefaults(obj);
    s.prepareForCreate(obj);
    return obj;
  }

  static List<String> createErrors(Strategy s, String singleQuotedJson) {
    return Trees.messages(s.validate(created(s, singleQuotedJson)));
  }

  /** A copy of old, edited, then defaulted, prepared and validated as an update. */
  static List<String> updateErrors(Strategy s, ObjectNode old, Consumer<ObjectNode> edit) {
    return Trees.messages(s.validateUpdate(updated(s, old, edit), old));
  }

  static ObjectNode updated(Strategy s, ObjectNode old, Consumer<ObjectNode> edit) {
    ObjectNode obj = old.deepCopy();
    edit.accept(obj);
    s.applyDefaults(obj);
    s.prepareForUpdate(obj, old);
    return obj;
  }

  /** The object at a path of field names and array indexes. */
  static ObjectNode node(JsonNode root, Object... path) {
    JsonNode cur = root;
    for (Object p : path) {
      cur = p instanceof Integer i ? cur.get(i) : cur.get((String) p);
    }
    return (ObjectNode) cur;
  }
}
