package io.kubling.apiserver.openapi;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Authorization;
import io.kubernetes.client.proto.V1Autoscaling;
import io.kubernetes.client.proto.V1Networking;
import io.kubernetes.client.proto.V1Policy;
import io.kubernetes.client.proto.V1Rbac;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The protobuf files that describe the kinds' JSON shapes (proto field names are the JSON
 * field names), and which group/version each one is. client-java-proto 25 carries the
 * Kubernetes 1.30 messages.
 */
final class ProtoFiles {
  record Source(String group, String version, FileDescriptor file) {}

  /** Searched in order; meta/v1 answers for core v1 kinds such as Status. */
  static final List<Source> SOURCES = List.of(
      new Source("", "v1", V1.getDescriptor()),
      new Source("", "v1", Meta.getDescriptor()),
      new Source("apps", "v1", V1Apps.getDescriptor()),
      new Source("autoscaling", "v1", V1Autoscaling.getDescriptor()),
      new Source("networking.k8s.io", "v1", V1Networking.getDescriptor()),
      new Source("policy", "v1", V1Policy.getDescriptor()),
      new Source("rbac.authorization.k8s.io", "v1", V1Rbac.getDescriptor()),
      new Source("authorization.k8s.io", "v1", V1Authorization.getDescriptor()),
      new Source("coordination.k8s.io", "v1", ExtraProtos.COORDINATION_V1),
      new Source("discovery.k8s.io", "v1", ExtraProtos.DISCOVERY_V1));

  /** Types that carry metadata but no apiVersion and kind: they are embedded, not kinds. */
  private static final Set<String> EMBEDDED = Set.of("k8s.io.api.core.v1.PodTemplateSpec",
      "k8s.io.api.core.v1.PersistentVolumeClaimTemplate");

  private ProtoFiles() {}

  static Optional<Descriptor> find(String group, String version, String kind) {
    for (Source s : SOURCES) {
      if (s.group().equals(group) && s.version().equals(version)) {
        Descriptor d = s.file().findMessageTypeByName(kind);
        if (d != null && isKind(d)) {
          return Optional.of(d);
        }
      }
    }
    return Optional.empty();
  }

  /** The group/version/kind of a top-level type, empty for the types kinds are made of. */
  static Optional<GroupVersionKind> kindOf(Descriptor d) {
    if (!isKind(d)) {
      return Optional.empty();
    }
    for (Source s : SOURCES) {
      if (s.file().equals(d.getFile())) {
        return Optional.of(new GroupVersionKind(s.group(), s.version(), d.getName()));
      }
    }
    return Optional.empty();
  }

  /** A kind embeds TypeMeta, which protobuf leaves out; its ObjectMeta or ListMeta shows it. */
  static boolean isKind(Descriptor d) {
    FieldDescriptor meta = d.findFieldByName("metadata");
    if (meta == null || meta.getType() != FieldDescriptor.Type.MESSAGE
        || EMBEDDED.contains(d.getFullName())) {
      return false;
    }
    String type = meta.getMessageType().getName();
    return type.equals("ObjectMeta") || type.equals("ListMeta");
  }

  /** Every file of the sources and the files they import. */
  static List<FileDescriptor> allFiles() {
    Set<FileDescriptor> seen = new LinkedHashSet<>();
    List<FileDescriptor> todo = new ArrayList<>();
    SOURCES.forEach(s -> todo.add(s.file()));
    while (!todo.isEmpty()) {
      FileDescriptor f = todo.remove(todo.size() - 1);
      if (seen.add(f)) {
        todo.addAll(f.getDependencies());
      }
    }
    return List.copyOf(seen);
  }
}
