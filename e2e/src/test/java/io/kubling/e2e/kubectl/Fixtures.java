package io.kubling.e2e.kubectl;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Objects a test puts in place through the API, as other components would have. */
final class Fixtures {
  private Fixtures() {}

  /** A Ready node as a kubelet registers it; role is a node-role.kubernetes.io label. */
  static JsonNode node(Api api, String name, String internalIp, String role) {
    return api.post("/api/v1/nodes", """
        {"apiVersion":"v1","kind":"Node",
         "metadata":{"name":"%1$s","labels":{"kubernetes.io/hostname":"%1$s",
           "kubernetes.io/os":"linux","node-role.kubernetes.io/%3$s":""}},
         "status":{
           "addresses":[{"type":"InternalIP","address":"%2$s"},
             {"type":"Hostname","address":"%1$s"}],
           "capacity":{"cpu":"2","memory":"4Gi","pods":"110"},
           "allocatable":{"cpu":"2","memory":"4Gi","pods":"110"},
           "conditions":[{"type":"Ready","status":"True","reason":"KubeletReady",
             "message":"kubelet is posting ready status",
             "lastHeartbeatTime":"%4$s","lastTransitionTime":"%4$s"}],
           "nodeInfo":{"kubeletVersion":"v1.32.0","osImage":"Debian GNU/Linux 12 (bookworm)",
             "kernelVersion":"6.1.0-28-amd64","containerRuntimeVersion":"containerd://1.7.24",
             "operatingSystem":"linux","architecture":"amd64","kubeProxyVersion":"v1.32.0",
             "machineID":"","systemUUID":"","bootID":""}}}"""
        .formatted(name, internalIp, role, now())).ok().body();
  }

  /** A pod bound to a node (or to none when node is null), optionally owned by a controller. */
  static JsonNode pod(Api api, String namespace, String name, String node, String image,
      String labelsJson, String ownerJson) {
    return api.post("/api/v1/namespaces/" + namespace + "/pods", """
        {"apiVersion":"v1","kind":"Pod",
         "metadata":{"name":"%s","labels":%s%s},
         "spec":{%s"containers":[{"name":"main","image":"%s"}]}}"""
        .formatted(name, labelsJson, ownerJson == null ? "" : ",\"ownerReferences\":["
            + ownerJson + "]", node == null ? "" : "\"nodeName\":\"" + node + "\",", image))
        .ok().body();
  }

  /** The ownerReference a controller puts on what it creates. */
  static String owner(JsonNode controller) {
    return """
        {"apiVersion":"%s","kind":"%s","name":"%s","uid":"%s","controller":true,
         "blockOwnerDeletion":true}""".formatted(controller.path("apiVersion").asText(),
        controller.path("kind").asText(), controller.path("metadata").path("name").asText(),
        controller.path("metadata").path("uid").asText());
  }

  /** A core/v1 Event about an object, as a component records it. */
  static void event(Api api, JsonNode about, String type, String reason, String component,
      String message) {
    JsonNode meta = about.path("metadata");
    String namespace = meta.path("namespace").asText("default");
    api.post("/api/v1/namespaces/" + namespace + "/events", """
        {"apiVersion":"v1","kind":"Event",
         "metadata":{"name":"%s.%s","namespace":"%s"},
         "involvedObject":{"apiVersion":"%s","kind":"%s","name":"%s","namespace":"%s",
           "uid":"%s"},
         "reason":"%s","message":"%s","type":"%s","source":{"component":"%s"},
         "firstTimestamp":"%s","lastTimestamp":"%s","count":1,
         "reportingComponent":"%s","reportingInstance":""}"""
        .formatted(meta.path("name").asText(), Long.toHexString(System.nanoTime()), namespace,
            about.path("apiVersion").asText(), about.path("kind").asText(),
            meta.path("name").asText(), meta.path("namespace").asText(),
            meta.path("uid").asText(), reason, message, type, component, now(), now(),
            component)).ok();
  }

  static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
