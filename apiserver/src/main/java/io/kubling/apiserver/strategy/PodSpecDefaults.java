package io.kubling.apiserver.strategy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * core/v1 defaults of a PodSpec and its containers (SetDefaults_PodSpec, _Container, _Probe,
 * ...), plus the two that Kubernetes applies to Pods only, never to templates.
 */
final class PodSpecDefaults {
  static final int DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
  static final int DEFAULT_VOLUME_MODE = 0644;

  private PodSpecDefaults() {}

  /** Defaults of a Pod's spec: the PodSpec ones and the Pod-only ones. */
  static void applyPod(ObjectNode spec) {
    applySpec(spec);
    Fields.defaultBool(spec, "enableServiceLinks", true);
    for (String list : List.of("containers", "initContainers")) {
      for (ObjectNode c : Fields.objects(spec, list)) {
        requestsFromLimits(c);
        if (spec.path("hostNetwork").asBoolean(false)) {
          for (ObjectNode port : Fields.objects(c, "ports")) {
            Long hostPort = Fields.integer(port, "hostPort");
            if ((hostPort == null || hostPort == 0) && Fields.has(port, "containerPort")) {
              port.set("hostPort", port.get("containerPort").deepCopy());
            }
          }
        }
      }
    }
  }

  /** Defaults of any PodSpec, including one inside a workload's template. */
  static void applySpec(ObjectNode spec) {
    Fields.defaultText(spec, "dnsPolicy", "ClusterFirst");
    Fields.defaultText(spec, "restartPolicy", "Always");
    if (!(spec.get("securityContext") instanceof ObjectNode)) {
      spec.putObject("securityContext");
    }
    Fields.defaultInt(spec, "terminationGracePeriodSeconds",
        DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS);
    Fields.defaultText(spec, "schedulerName", "default-scheduler");
    for (String list : List.of("containers", "initContainers")) {
      Fields.objects(spec, list).forEach(PodSpecDefaults::applyContainer);
    }
    for (ObjectNode volume : Fields.objects(spec, "volumes")) {
      for (String source : List.of("configMap", "secret")) {
        if (volume.get(source) instanceof ObjectNode s) {
          Fields.defaultInt(s, "defaultMode", DEFAULT_VOLUME_MODE);
        }
      }
      if (volume.get("hostPath") instanceof ObjectNode h && !Fields.has(h, "type")) {
        h.put("type", "");
      }
    }
  }

  static void applyContainer(ObjectNode c) {
    Fields.defaultText(c, "imagePullPolicy", pullPolicyFor(Fields.text(c, "image")));
    Fields.defaultText(c, "terminationMessagePath", "/dev/termination-log");
    Fields.defaultText(c, "terminationMessagePolicy", "File");
    for (ObjectNode port : Fields.objects(c, "ports")) {
      Fields.defaultText(port, "protocol", "TCP");
    }
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      if (c.get(probe) instanceof ObjectNode p) {
        applyProbe(p);
      }
    }
    for (ObjectNode env : Fields.objects(c, "env")) {
      if (env.path("valueFrom").get("fieldRef") instanceof ObjectNode ref) {
        Fields.defaultText(ref, "apiVersion", "v1");
      }
    }
  }

  private static void applyProbe(ObjectNode p) {
    defaultPositive(p, "timeoutSeconds", 1);
    defaultPositive(p, "periodSeconds", 10);
    defaultPositive(p, "successThreshold", 1);
    defaultPositive(p, "failureThreshold", 3);
    if (p.get("httpGet") instanceof ObjectNode get) {
      Fields.defaultText(get, "path", "/");
      Fields.defaultText(get, "scheme", "HTTP");
    }
  }

  /** These probe fields are plain int32 in Go, so 0 means unset too. */
  private static void defaultPositive(ObjectNode n, String field, int value) {
    Long v = Fields.integer(n, field);
    if (v == null || v == 0) {
      n.put(field, value);
    }
  }

  /** A container with limits but no requests gets requests equal to its limits. */
  private static void requestsFromLimits(ObjectNode c) {
    JsonNode limits = c.path("resources").get("limits");
    if (limits == null || !limits.isObject()) {
      return;
    }
    ObjectNode requests = Fields.child(Fields.child(c, "resources"), "requests");
    limits.fields().forEachRemaining(e -> {
      if (!requests.has(e.getKey())) {
        requests.set(e.getKey(), e.getValue().deepCopy());
      }
    });
  }

  /**
   * Always for an image tagged latest or untagged (Docker's default tag is latest), else
   * IfNotPresent; an image pinned by digest alone has no tag, so IfNotPresent.
   */
  static String pullPolicyFor(String image) {
    if (Fields.blank(image)) {
      return "IfNotPresent";
    }
    int at = image.indexOf('@');
    boolean digest = at >= 0;
    String name = digest ? image.substring(0, at) : image;
    String lastPart = name.substring(name.lastIndexOf('/') + 1);
    int colon = lastPart.indexOf(':');
    String tag = colon >= 0 ? lastPart.substring(colon + 1) : "";
    if (tag.isEmpty() && !digest) {
      tag = "latest";
    }
    return tag.equals("latest") ? "Always" : "IfNotPresent";
  }
}
