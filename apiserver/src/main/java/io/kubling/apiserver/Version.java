package io.kubling.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;

/**
 * The version kubling reports. It speaks Kubernetes 1.32's API, so /version says 1.32:
 * the kubectl dispatcher on these machines picks its client by that minor version.
 */
public final class Version {
  public static final String GIT_VERSION = "v1.32.0-kubling";

  private Version() {}

  public static ObjectNode info() {
    ObjectNode v = Json.object();
    v.put("major", "1");
    v.put("minor", "32");
    v.put("gitVersion", GIT_VERSION);
    v.put("gitCommit", "0000000000000000000000000000000000000000");
    v.put("gitTreeState", "clean");
    v.put("buildDate", "2026-11-26T00:00:00Z");
    v.put("goVersion", "java" + System.getProperty("java.version"));
    v.put("compiler", "javac");
    v.put("platform", "linux/amd64");
    return v;
  }
}
