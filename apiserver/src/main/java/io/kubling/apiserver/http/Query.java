package io.kubling.apiserver.http;

import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.registry.ListOptions;
import io.vertx.core.MultiMap;

/** Reads the query parameters Kubernetes defines for each verb. */
final class Query {
  private Query() {}

  static ListOptions listOptions(MultiMap q) {
    long limit = 0;
    String l = q.get("limit");
    if (l != null && !l.isEmpty()) {
      try {
        limit = Long.parseLong(l);
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("invalid limit: " + l);
      }
    }
    return new ListOptions(q.get("labelSelector"), q.get("fieldSelector"), Math.max(0, limit),
        q.get("continue"), q.get("resourceVersion"), q.get("resourceVersionMatch"));
  }

  static boolean flag(MultiMap q, String name) {
    String v = q.get(name);
    return v != null && (v.equals("true") || v.equals("1"));
  }

  /** dryRun=All is the only value Kubernetes defines; anything else is refused. */
  static boolean dryRun(MultiMap q) {
    var values = q.getAll("dryRun");
    if (values.isEmpty()) {
      return false;
    }
    for (String v : values) {
      if (!v.equals("All")) {
        throw ApiException.badRequest("dryRun: Unsupported value: \"" + v
            + "\": supported values: \"All\"");
      }
    }
    return true;
  }

  static Long longParam(MultiMap q, String name) {
    String v = q.get(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("invalid " + name + ": " + v);
    }
  }
}
