package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.validation.FieldError;
import io.kubling.apiserver.validation.NameRule;
import java.util.List;

/**
 * What one resource adds to the generic store: defaults, validation, and which parts a
 * write may change, as Kubernetes' rest.RESTCreateStrategy/RESTUpdateStrategy do.
 * Generic metadata (uid, timestamps, resourceVersion, generation, name rules) is the
 * store's job, not a strategy's. Methods may mutate the object they are given; it is
 * always the store's private copy.
 */
public interface Strategy {

  /**
   * The format metadata.name must have, for the store's {@code MetadataValidation} call;
   * most types use a DNS-1123 subdomain.
   */
  default NameRule nameRule() {
    return NameRule.DNS1123_SUBDOMAIN;
  }

  /** Defaults applied to every object written (create, update, patch), as decoding does in Kubernetes. */
  default void applyDefaults(ObjectNode obj) {}

  /** Before a create: clear what a client may not set (e.g. status of most types). */
  default void prepareForCreate(ObjectNode obj) {}

  /** Before an update of the main resource: carry over what it may not change (status). */
  default void prepareForUpdate(ObjectNode obj, ObjectNode old) {}

  /** Before an update through the status subresource: carry over everything but status. */
  default void prepareForStatusUpdate(ObjectNode obj, ObjectNode old) {
    ObjectNode copy = old.deepCopy();
    if (obj.has("status")) {
      copy.set("status", obj.get("status"));
    } else {
      copy.remove("status");
    }
    obj.removeAll();
    obj.setAll(copy);
  }

  /** Errors of a new object, with Kubernetes' field paths; empty when valid. */
  default List<FieldError> validate(ObjectNode obj) {
    return List.of();
  }

  /** Errors of an update: the new object's own errors plus immutable fields that changed. */
  default List<FieldError> validateUpdate(ObjectNode obj, ObjectNode old) {
    return validate(obj);
  }

  /** Errors of a status update. */
  default List<FieldError> validateStatusUpdate(ObjectNode obj, ObjectNode old) {
    return List.of();
  }
}
