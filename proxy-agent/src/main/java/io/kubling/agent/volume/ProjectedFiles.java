package io.kubling.agent.volume;

import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The files of a projected volume, from the tokens and ConfigMaps already fetched. Pure: the
 * agent fetches, this decides what is written where.
 */
public final class ProjectedFiles {
  /** A source the agent cannot fill; the kubelet's MountVolume.SetUp error says why. */
  public static final class Unsupported extends Exception {
    public Unsupported(String message) {
      super(message);
    }
  }

  private ProjectedFiles() {}

  /** Whether the pod's volume is a projection with a ServiceAccount token in it. */
  public static boolean projectsToken(Volume v) {
    return v.getProjected() != null && v.getProjected().getSources() != null
        && v.getProjected().getSources().stream()
            .anyMatch(s -> s.getServiceAccountToken() != null);
  }

  /**
   * @param tokens the token of each serviceAccountToken source, by its path
   * @param configMaps the data of each ConfigMap a source names (null: it does not exist)
   */
  public static Map<String, byte[]> files(Pod pod, Volume volume, Map<String, String> tokens,
      Function<String, Map<String, String>> configMaps) throws Unsupported {
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (VolumeProjection s : volume.getProjected().getSources()) {
      if (s.getServiceAccountToken() != null) {
        String path = s.getServiceAccountToken().getPath();
        out.put(path, tokens.get(path).getBytes(StandardCharsets.UTF_8));
      } else if (s.getConfigMap() != null) {
        String name = s.getConfigMap().getName();
        Map<String, String> data = configMaps.apply(name);
        if (data == null) {
          if (Boolean.TRUE.equals(s.getConfigMap().getOptional())) {
            continue;
          }
          throw new Unsupported("configmap \"" + name + "\" not found");
        }
        List<KeyToPath> items = s.getConfigMap().getItems();
        if (items == null || items.isEmpty()) {
          data.forEach((k, v) -> out.put(k, v.getBytes(StandardCharsets.UTF_8)));
        }
        for (KeyToPath item : items == null ? List.<KeyToPath>of() : items) {
          String value = data.get(item.getKey());
          if (value == null) {
            throw new Unsupported("configmap references non-existent config key: "
                + item.getKey());
          }
          out.put(item.getPath(), value.getBytes(StandardCharsets.UTF_8));
        }
      } else if (s.getDownwardAPI() != null) {
        for (var item : s.getDownwardAPI().getItems()) {
          String field = item.getFieldRef() == null ? null : item.getFieldRef().getFieldPath();
          String value = switch (field == null ? "" : field) {
            case "metadata.namespace" -> pod.getMetadata().getNamespace();
            case "metadata.name" -> pod.getMetadata().getName();
            case "metadata.uid" -> pod.getMetadata().getUid();
            default -> throw new Unsupported("kubling projects only metadata.namespace, .name"
                + " and .uid through the downward API, not " + field);
          };
          out.put(item.getPath(), value.getBytes(StandardCharsets.UTF_8));
        }
      } else {
        throw new Unsupported("kubling projects ServiceAccount tokens, ConfigMaps and the"
            + " downward API only; volume " + volume.getName() + " has another source");
      }
    }
    return out;
  }
}
