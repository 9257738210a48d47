package io.kubling.apiserver.registry;

import java.util.List;

/**
 * Resources that are questions rather than objects: created (POST) and answered in the
 * returned object's status, never stored, so they have no strategy, cache or etcd key.
 * Discovery lists them with the one verb {@code create}, as Kubernetes does.
 */
public final class CreateOnlyResources {
  /** One such resource. */
  public record Resource(String group, String version, String kind, String plural,
      boolean namespaced) {
    public String singular() {
      return kind.toLowerCase();
    }
  }

  public static final List<Resource> ALL = List.of(
      new Resource("authorization.k8s.io", "v1", "SelfSubjectAccessReview",
          "selfsubjectaccessreviews", false),
      new Resource("authorization.k8s.io", "v1", "SelfSubjectRulesReview",
          "selfsubjectrulesreviews", false),
      new Resource("authorization.k8s.io", "v1", "SubjectAccessReview",
          "subjectaccessreviews", false),
      new Resource("authorization.k8s.io", "v1", "LocalSubjectAccessReview",
          "localsubjectaccessreviews", true));

  private CreateOnlyResources() {}

  public static List<Resource> of(String group, String version) {
    return ALL.stream().filter(r -> r.group().equals(group) && r.version().equals(version))
        .toList();
  }
}
