package io.kubling.apiserver.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import java.util.List;
import java.util.Map;

/** The parameters of Kubernetes' REST operations, as its OpenAPI document declares them. */
final class Parameters {
  static final List<String> LIST = List.of("allowWatchBookmarks", "continue", "fieldSelector",
      "labelSelector", "limit", "resourceVersion", "resourceVersionMatch", "sendInitialEvents",
      "timeoutSeconds", "watch");
  static final List<String> WRITE = List.of("dryRun", "fieldManager", "fieldValidation");
  static final List<String> PATCH = List.of("dryRun", "fieldManager", "fieldValidation",
      "force");
  static final List<String> DELETE = List.of("dryRun", "gracePeriodSeconds", "orphanDependents",
      "propagationPolicy");
  static final List<String> DELETE_COLLECTION = List.of("continue", "dryRun", "fieldSelector",
      "gracePeriodSeconds", "labelSelector", "limit", "orphanDependents", "propagationPolicy",
      "resourceVersion", "resourceVersionMatch", "sendInitialEvents", "timeoutSeconds");

  private record Query(String type, String description) {}

  private static final Map<String, Query> QUERY = Map.ofEntries(
      Map.entry("allowWatchBookmarks", new Query("boolean",
          "allowWatchBookmarks requests watch events with type \"BOOKMARK\".")),
      Map.entry("continue", new Query("string",
          "The continue option should be set when retrieving more results from the server.")),
      Map.entry("dryRun", new Query("string", "When present, indicates that modifications"
          + " should not be persisted. Valid values are: - All: all dry run stages will be"
          + " processed")),
      Map.entry("fieldManager", new Query("string",
          "fieldManager is a name associated with the actor or entity that is making these"
              + " changes.")),
      Map.entry("fieldSelector", new Query("string",
          "A selector to restrict the list of returned objects by their fields.")),
      Map.entry("fieldValidation", new Query("string", "fieldValidation instructs the server"
          + " on how to handle objects in the request (POST/PUT/PATCH) containing unknown or"
          + " duplicate fields. Valid values are: - Ignore - Warn (the default) - Strict: fail"
          + " the request with a BadRequest error if any unknown fields would be dropped from"
          + " the object.")),
      Map.entry("force", new Query("boolean", "Force is going to \"force\" Apply requests.")),
      Map.entry("gracePeriodSeconds", new Query("integer",
          "The duration in seconds before the object should be deleted.")),
      Map.entry("labelSelector", new Query("string",
          "A selector to restrict the list of returned objects by their labels.")),
      Map.entry("limit", new Query("integer",
          "limit is a maximum number of responses to return for a list call.")),
      Map.entry("orphanDependents", new Query("boolean", "Deprecated: please use the"
          + " PropagationPolicy. Should the dependent objects be orphaned.")),
      Map.entry("pretty", new Query("string",
          "If 'true', then the output is pretty printed.")),
      Map.entry("propagationPolicy", new Query("string", "Whether and how garbage collection"
          + " will be performed: 'Orphan', 'Background' or 'Foreground'.")),
      Map.entry("resourceVersion", new Query("string",
          "resourceVersion sets a constraint on what resource versions a request may be"
              + " served from.")),
      Map.entry("resourceVersionMatch", new Query("string",
          "resourceVersionMatch determines how resourceVersion is applied to list calls.")),
      Map.entry("sendInitialEvents", new Query("boolean",
          "`sendInitialEvents=true` may be set together with `watch=true`.")),
      Map.entry("timeoutSeconds", new Query("integer",
          "Timeout for the list/watch call.")),
      Map.entry("watch", new Query("boolean", "Watch for changes to the described resources and"
          + " return them as a stream of add, update, and remove notifications.")));

  private Parameters() {}

  static ObjectNode query(String name) {
    Query q = QUERY.get(name);
    ObjectNode p = Json.object();
    p.put("description", q.description());
    p.put("in", "query");
    p.put("name", name);
    p.putObject("schema").put("type", q.type()).put("uniqueItems", true);
    return p;
  }

  static ObjectNode path(String name, String description) {
    ObjectNode p = Json.object();
    p.put("description", description);
    p.put("in", "path");
    p.put("name", name);
    p.put("required", true);
    p.putObject("schema").put("type", "string").put("uniqueItems", true);
    return p;
  }
}
