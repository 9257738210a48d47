package io.kubling.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubling.apiserver.json.Meta;

/** When an object marked for deletion may finally go. */
final class Finalization {
  private Finalization() {}

  /** Marked for deletion, no finalizers left (for namespaces, none in spec either). */
  static boolean readyToDelete(JsonNode obj) {
    return Meta.deleting(obj) && !hasFinalizers(obj);
  }

  static boolean hasFinalizers(JsonNode obj) {
    return obj.path("metadata").path("finalizers").size() > 0
        || obj.path("spec").path("finalizers").size() > 0 && "Namespace".equals(
            obj.path("kind").asText());
  }
}
