package io.kubling.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.validation.FieldError;
import io.kubling.apiserver.validation.MetadataValidation;
import java.util.ArrayList;
import java.util.List;

/** Generic metadata validation followed by the resource's own, for creates and updates. */
final class Validation {
  private Validation() {}

  static List<FieldError> forCreate(ResourceType type, ObjectNode obj) {
    List<FieldError> errors = new ArrayList<>(MetadataValidation.validateCreate(obj,
        type.namespaced(), type.strategy().nameRule()));
    errors.addAll(type.strategy().validate(obj));
    return errors;
  }

  static List<FieldError> forUpdate(ResourceType type, ObjectNode obj, ObjectNode old) {
    List<FieldError> errors = new ArrayList<>(MetadataValidation.validateUpdate(obj, old));
    errors.addAll(type.strategy().validateUpdate(obj, old));
    return errors;
  }
}
