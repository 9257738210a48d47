package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.validation.FieldError;
import java.util.ArrayList;
import java.util.List;

/**
 * networking.k8s.io/v1 Ingresses: pathType defaults to ImplementationSpecific as v1's
 * defaulting does; status belongs to the ingress controller and is written through
 * ingresses/status only.
 */
public final class IngressStrategy implements Strategy {
  public static final IngressStrategy INSTANCE = new IngressStrategy();

  private IngressStrategy() {}

  @Override
  public void applyDefaults(ObjectNode obj) {
    if (!(obj.get("spec") instanceof ObjectNode spec)) {
      return;
    }
    for (ObjectNode rule : Fields.objects(spec, "rules")) {
      if (rule.get("http") instanceof ObjectNode http) {
        for (ObjectNode path : Fields.objects(http, "paths")) {
          Fields.defaultText(path, "pathType", "ImplementationSpecific");
        }
      }
    }
  }

  @Override
  public void prepareForCreate(ObjectNode obj) {
    obj.remove("status");
  }

  @Override
  public void prepareForUpdate(ObjectNode obj, ObjectNode old) {
    Fields.copy(obj, old, "status");
  }

  @Override
  public List<FieldError> validate(ObjectNode obj) {
    return IngressValidation.validate(obj);
  }

  @Override
  public List<FieldError> validateStatusUpdate(ObjectNode obj, ObjectNode old) {
    return IngressValidation.validateStatus(obj);
  }
}
