package io.kubling.agent.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A container's environment as the kubelet builds it: envFrom, then env with valueFrom
 * (configMapKeyRef, secretKeyRef, fieldRef) and $(VAR) expansion; and the expanded command.
 */
public final class EnvResolver {

  /** Where configmaps and secrets are read from; secrets come back decoded. */
  public interface Lookup {
    Optional<Map<String, String>> configMap(String namespace, String name);

    Optional<Map<String, String>> secret(String namespace, String name);
  }

  /** A container cannot start because of its env: the kubelet's CreateContainerConfigError. */
  public static final class ConfigError extends Exception {
    public ConfigError(String message) {
      super(message);
    }
  }

  private EnvResolver() {}

  public static Map<String, String> resolve(Pod pod, Container c, String podIp, String hostIp,
      Lookup lookup) throws ConfigError {
    String ns = pod.getMetadata().getNamespace();
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvFromSource from : c.getEnvFrom() == null ? List.<EnvFromSource>of() : c.getEnvFrom()) {
      String prefix = from.getPrefix() == null ? "" : from.getPrefix();
      Optional<Map<String, String>> data;
      boolean optional;
      String what;
      if (from.getConfigMapRef() != null) {
        data = lookup.configMap(ns, from.getConfigMapRef().getName());
        optional = Boolean.TRUE.equals(from.getConfigMapRef().getOptional());
        what = "configmap \"" + from.getConfigMapRef().getName() + "\"";
      } else if (from.getSecretRef() != null) {
        data = lookup.secret(ns, from.getSecretRef().getName());
        optional = Boolean.TRUE.equals(from.getSecretRef().getOptional());
        what = "secret \"" + from.getSecretRef().getName() + "\"";
      } else {
        continue;
      }
      if (data.isEmpty()) {
        if (optional) {
          continue;
        }
        throw new ConfigError(what + " not found");
      }
      data.get().forEach((k, v) -> env.put(prefix + k, v));
    }
    for (EnvVar var : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
      if (var.getValueFrom() == null) {
        env.put(var.getName(), expand(var.getValue() == null ? "" : var.getValue(), env));
        continue;
      }
      String value = valueFrom(pod, var, var.getValueFrom(), podIp, hostIp, lookup);
      if (value != null) {
        env.put(var.getName(), value);
      }
    }
    return env;
  }

  private static String valueFrom(Pod pod, EnvVar var, EnvVarSource src, String podIp,
      String hostIp, Lookup lookup) throws ConfigError {
    String ns = pod.getMetadata().getNamespace();
    if (src.getFieldRef() != null) {
      String path = src.getFieldRef().getFieldPath();
      return switch (path) {
        case "metadata.name" -> pod.getMetadata().getName();
        case "metadata.namespace" -> ns;
        case "metadata.uid" -> pod.getMetadata().getUid();
        case "spec.nodeName" -> pod.getSpec().getNodeName();
        case "spec.serviceAccountName" -> pod.getSpec().getServiceAccountName();
        case "status.podIP" -> podIp;
        case "status.hostIP" -> hostIp;
        default -> label(pod, path).orElseThrow(() -> new ConfigError(
            "env " + var.getName() + ": fieldRef " + path + " is not supported by kubling"));
      };
    }
    if (src.getConfigMapKeyRef() != null) {
      var ref = src.getConfigMapKeyRef();
      return key(lookup.configMap(ns, ref.getName()), "configmap", ref.getName(), ref.getKey(),
          Boolean.TRUE.equals(ref.getOptional()));
    }
    if (src.getSecretKeyRef() != null) {
      var ref = src.getSecretKeyRef();
      return key(lookup.secret(ns, ref.getName()), "secret", ref.getName(), ref.getKey(),
          Boolean.TRUE.equals(ref.getOptional()));
    }
    throw new ConfigError("env " + var.getName() + ": resourceFieldRef is not supported by kubling");
  }

  private static Optional<String> label(Pod pod, String path) {
    for (String kind : List.of("labels", "annotations")) {
      String prefix = "metadata." + kind + "['";
      if (path.startsWith(prefix) && path.endsWith("']")) {
        String k = path.substring(prefix.length(), path.length() - 2);
        Map<String, String> m = kind.equals("labels") ? pod.getMetadata().getLabels()
            : pod.getMetadata().getAnnotations();
        return Optional.of(m == null ? "" : m.getOrDefault(k, ""));
      }
    }
    return Optional.empty();
  }

  private static String key(Optional<Map<String, String>> data, String kind, String name,
      String key, boolean optional) throws ConfigError {
    if (data.isEmpty()) {
      if (optional) {
        return null;
      }
      throw new ConfigError(kind + " \"" + name + "\" not found");
    }
    String v = data.get().get(key);
    if (v == null && !optional) {
      throw new ConfigError("couldn't find key " + key + " in " + kind + " " + name);
    }
    return v;
  }

  /** command + args with $(VAR) expanded, as the kubelet does; null when neither is set. */
  public static List<String> commandLine(Container c, Map<String, String> env) {
    List<String> out = new ArrayList<>();
    if (c.getCommand() != null) {
      c.getCommand().forEach(s -> out.add(expand(s, env)));
    }
    if (c.getArgs() != null) {
      c.getArgs().forEach(s -> out.add(expand(s, env)));
    }
    return out;
  }

  /**
   * Kubernetes' $(VAR) expansion: defined variables are replaced, $$ escapes a $, and
   * references to undefined variables stay as written.
   */
  public static String expand(String s, Map<String, String> env) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      char ch = s.charAt(i);
      if (ch == '$' && i + 1 < s.length()) {
        char next = s.charAt(i + 1);
        if (next == '$') {
          out.append('$');
          i += 2;
          continue;
        }
        if (next == '(') {
          int close = s.indexOf(')', i + 2);
          if (close > 0) {
            String name = s.substring(i + 2, close);
            String v = env.get(name);
            out.append(v != null ? v : s.substring(i, close + 1));
            i = close + 1;
            continue;
          }
        }
      }
      out.append(ch);
      i++;
    }
    return out.toString();
  }
}
