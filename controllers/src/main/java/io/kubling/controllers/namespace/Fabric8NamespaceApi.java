package io.kubling.controllers.namespace;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubling.controllers.Informers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link NamespaceApi} over the namespace informer, discovery and fabric8's generic client. */
public final class Fabric8NamespaceApi implements NamespaceApi {
  private final KubernetesClient client;
  private final SharedIndexInformer<Namespace> namespaces;

  public Fabric8NamespaceApi(KubernetesClient client, SharedIndexInformer<Namespace> namespaces) {
    this.client = client;
    this.namespaces = namespaces;
  }

  @Override
  public Optional<Namespace> namespace(String name) {
    return Informers.get(namespaces, name);
  }

  @Override
  public List<ResourceType> namespacedTypes() {
    List<ResourceType> out = new ArrayList<>();
    addTypes(out, "", "v1", "/api/v1");
    JsonNode groups = Serialization.unmarshal(client.raw("/apis"), JsonNode.class);
    for (JsonNode g : groups.path("groups")) {
      String version = g.path("preferredVersion").path("version").asText();
      String group = g.path("name").asText();
      addTypes(out, group, version, "/apis/" + group + "/" + version);
    }
    return out;
  }

  private void addTypes(List<ResourceType> out, String group, String version, String path) {
    String body = client.raw(path);
    if (body == null) {
      return;
    }
    for (JsonNode r : Serialization.unmarshal(body, JsonNode.class).path("resources")) {
      String plural = r.path("name").asText();
      List<String> verbs = new ArrayList<>();
      r.path("verbs").forEach(v -> verbs.add(v.asText()));
      if (r.path("namespaced").asBoolean() && !plural.contains("/") && verbs.contains("list")
          && verbs.contains("delete")) {
        out.add(new ResourceType(group, version, plural, r.path("kind").asText()));
      }
    }
  }

  @Override
  public List<Item> list(ResourceType type, String namespace) {
    return client.genericKubernetesResources(context(type)).inNamespace(namespace).list()
        .getItems().stream()
        .map(o -> new Item(type, o.getMetadata().getName(),
            o.getMetadata().getDeletionTimestamp() != null))
        .toList();
  }

  @Override
  public void delete(ResourceType type, String namespace, String name) {
    client.genericKubernetesResources(context(type)).inNamespace(namespace).withName(name)
        .delete();
  }

  @Override
  public void finalizeNamespace(Namespace namespace, List<String> finalizers) {
    // As a JSON tree: fabric8's models drop an empty list, and [] is exactly what must be sent.
    com.fasterxml.jackson.databind.node.ObjectNode body =
        Serialization.jsonMapper().valueToTree(namespace);
    com.fasterxml.jackson.databind.node.ArrayNode list = body.with("spec").putArray("finalizers");
    finalizers.forEach(list::add);
    String reply = client.raw("/api/v1/namespaces/" + namespace.getMetadata().getName()
        + "/finalize", "PUT", body.toString());
    if (reply == null) {
      throw new IllegalStateException("finalize of namespace " + namespace.getMetadata().getName()
          + " got no reply");
    }
  }

  private static ResourceDefinitionContext context(ResourceType t) {
    return new ResourceDefinitionContext.Builder().withGroup(t.group()).withVersion(t.version())
        .withPlural(t.plural()).withKind(t.kind()).withNamespaced(true).build();
  }

}
