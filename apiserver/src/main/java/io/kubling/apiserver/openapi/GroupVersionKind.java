package io.kubling.apiserver.openapi;

/** A kind's place in the API: group ("" for core), version and kind. */
public record GroupVersionKind(String group, String version, String kind) {

  /** {@code v1} for the core group, otherwise {@code group/version}. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }
}
