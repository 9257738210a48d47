package io.kubling.apiserver.protobuf;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Message;
import io.kubernetes.client.proto.Meta;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Every kind of the k8s.io/api protobuf schema, found by listing the generated outer classes of
 * client-java-proto ({@code V1}, {@code V1Apps}, {@code V1Rbac}...) rather than by a list of kinds.
 */
final class KindRegistry {
  private static final String GENERATED_PACKAGE = Meta.class.getPackageName();
  private static final String API_PREFIX = "k8s.io.api.";
  // meta/v1 adds these to every group version, so a typed client sends them under its own one.
  private static final Set<String> OPTIONS_KINDS = Set.of("ListOptions", "GetOptions",
      "DeleteOptions", "CreateOptions", "UpdateOptions", "PatchOptions");

  private final Map<String, Message> kinds;

  /** The registry of the classpath's client-java-proto, scanned on first use. */
  static KindRegistry instance() {
    return Holder.INSTANCE;
  }

  private static final class Holder {
    static final KindRegistry INSTANCE = scan();
  }

  KindRegistry(Map<String, Message> kinds) {
    this.kinds = Map.copyOf(kinds);
  }

  /** The default instance of a kind's message; an unknown kind is an IllegalArgumentException. */
  Message lookup(String apiVersion, String kind) {
    Message m = kinds.get(apiVersion + " " + kind);
    if (m == null && OPTIONS_KINDS.contains(kind)) {
      m = kinds.get("meta.k8s.io/v1 " + kind);
    }
    if (m == null) {
      throw new IllegalArgumentException("no protobuf schema for kind " + kind + " in "
          + (apiVersion.isEmpty() ? "an empty apiVersion" : apiVersion));
    }
    return m;
  }

  int size() {
    return kinds.size();
  }

  /** The message types of all kinds, nested types not included. */
  Map<String, Descriptor> descriptors() {
    Map<String, Descriptor> out = new HashMap<>();
    for (Message m : kinds.values()) {
      out.put(m.getDescriptorForType().getFullName(), m.getDescriptorForType());
    }
    return out;
  }

  /** "apps/v1" for k8s.io.api.apps.v1, "v1" for core; null for packages that aren't API groups. */
  static String apiVersion(String protoPackage) {
    if (protoPackage.equals(Meta.getDescriptor().getPackage())) {
      return "meta.k8s.io/v1";
    }
    if (!protoPackage.startsWith(API_PREFIX)) {
      return null;
    }
    String[] parts = protoPackage.substring(API_PREFIX.length()).split("\\.");
    if (parts.length != 2) {
      return null;
    }
    String group = group(parts[0]);
    return group.isEmpty() ? parts[1] : group + "/" + parts[1];
  }

  /** The API group of a k8s.io/api directory name. */
  static String group(String dir) {
    return switch (dir) {
      case "core" -> "";
      case "apps", "autoscaling", "batch", "extensions", "policy" -> dir;
      case "rbac" -> "rbac.authorization.k8s.io";
      case "flowcontrol" -> "flowcontrol.apiserver.k8s.io";
      case "apiserverinternal" -> "internal.apiserver.k8s.io";
      default -> dir + ".k8s.io";
    };
  }

  private static KindRegistry scan() {
    Map<String, Message> kinds = new HashMap<>();
    for (Class<?> outer : outerClasses()) {
      FileDescriptor file = descriptor(outer);
      String apiVersion = file == null ? null : apiVersion(file.getPackage());
      if (apiVersion == null) {
        continue;
      }
      for (Descriptor d : file.getMessageTypes()) {
        kinds.put(apiVersion + " " + d.getName(), defaultInstance(outer, d));
      }
    }
    if (!kinds.containsKey("v1 Pod")) {
      throw new IllegalStateException("no k8s.io/api protobuf classes in " + GENERATED_PACKAGE);
    }
    return new KindRegistry(kinds);
  }

  private static FileDescriptor descriptor(Class<?> outer) {
    try {
      return outer.getMethod("getDescriptor").invoke(null) instanceof FileDescriptor f ? f : null;
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }

  private static Message defaultInstance(Class<?> outer, Descriptor d) {
    try {
      Class<?> c = Class.forName(outer.getName() + "$" + d.getName(), true, outer.getClassLoader());
      return (Message) c.getMethod("getDefaultInstance").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("no generated class for " + d.getFullName(), e);
    }
  }

  /** The top-level classes of the generated package, in its jar (plain or shaded) or directory. */
  private static List<Class<?>> outerClasses() {
    String dir = GENERATED_PACKAGE.replace('.', '/') + "/";
    try {
      Path location =
          Path.of(Meta.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      List<String> entries;
      if (Files.isDirectory(location)) {
        try (Stream<Path> files = Files.list(location.resolve(dir))) {
          entries = files.map(p -> dir + p.getFileName()).toList();
        }
      } else {
        try (JarFile jar = new JarFile(location.toFile())) {
          entries = jar.stream().map(e -> e.getName()).toList();
        }
      }
      return entries.stream().filter(n -> isOuterClass(n, dir))
          .<Class<?>>map(n -> load(n.substring(0, n.lastIndexOf('.')).replace('/', '.')))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isOuterClass(String entry, String dir) {
    return entry.startsWith(dir) && entry.endsWith(".class") && !entry.contains("$")
        && entry.indexOf('/', dir.length()) < 0;
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name, false, Meta.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
