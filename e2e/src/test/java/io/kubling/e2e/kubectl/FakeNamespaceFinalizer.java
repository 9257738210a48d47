package io.kubling.e2e.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * STAND-IN for the namespace controller of kube-controller-manager, until kubling has one;
 * replace it with the real controller then. When a namespace is Terminating it deletes every
 * namespaced resource in it that discovery lists (pods with gracePeriodSeconds=0), then
 * empties spec.finalizers through PUT .../finalize, after which the API server removes the
 * namespace itself.
 */
final class FakeNamespaceFinalizer implements AutoCloseable {
  private static final String NOW = """
      {"kind":"DeleteOptions","apiVersion":"v1","gracePeriodSeconds":0}""";

  private final Api api;
  private final WatchLoop watch;

  private FakeNamespaceFinalizer(Api api) {
    this.api = api;
    this.watch = WatchLoop.start(api, "/api/v1/namespaces", this::sync,
        "fake-namespace-finalizer");
  }

  static FakeNamespaceFinalizer start(Api api) {
    return new FakeNamespaceFinalizer(api);
  }

  private void sync(JsonNode namespace) {
    String name = namespace.path("metadata").path("name").asText();
    if (!namespace.path("metadata").has("deletionTimestamp")
        || namespace.path("spec").path("finalizers").isEmpty()) {
      return;
    }
    for (String collection : namespacedCollections(name)) {
      api.delete(collection, NOW).ok();
    }
    ObjectNode finalized = namespace.deepCopy();
    ((ObjectNode) finalized.path("spec")).putArray("finalizers");
    api.put("/api/v1/namespaces/" + name + "/finalize", finalized.toString()).ok();
  }

  /** e.g. /api/v1/namespaces/x/pods, from discovery as the namespace controller finds them. */
  private List<String> namespacedCollections(String namespace) {
    List<String> groupVersions = new ArrayList<>(List.of("/api/v1"));
    for (JsonNode g : api.object("/apis").path("groups")) {
      groupVersions.add("/apis/" + g.path("preferredVersion").path("groupVersion").asText());
    }
    List<String> out = new ArrayList<>();
    for (String gv : groupVersions) {
      for (JsonNode r : api.object(gv).path("resources")) {
        boolean deletable = false;
        for (JsonNode verb : r.path("verbs")) {
          deletable |= verb.asText().equals("deletecollection");
        }
        if (r.path("namespaced").asBoolean() && deletable && !r.path("name").asText()
            .contains("/")) {
          out.add(gv + "/namespaces/" + namespace + "/" + r.path("name").asText());
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    watch.close();
  }
}
