package io.kubling.agent.builtin;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What runs for a container without a command, since images are not pulled: a built-in
 * behaviour for a documented list of common images.
 *
 * <ul>
 *   <li>nginx, httpd, apache, caddy, traefik/whoami, kennethreitz/httpbin: an HTTP server on
 *       the first container port (80 if none) answering every GET with a small page
 *   <li>hashicorp/http-echo and *http-echo*: answers with its {@code -text} argument on
 *       {@code -listen} (default :5678)
 *   <li>busybox, alpine, ubuntu, debian, pause: sleep until stopped
 * </ul>
 * Any other image without a command is not supported: the container waits with reason
 * ImageNotSupported and a message saying to give it a command.
 */
public final class ImageBehaviours {
  public static final String NOT_SUPPORTED = "ImageNotSupported";

  private ImageBehaviours() {}

  /** The repository name of an image reference: registry, tag and digest stripped. */
  static String repository(String image) {
    String s = image == null ? "" : image.toLowerCase(Locale.ROOT);
    int at = s.indexOf('@');
    if (at >= 0) {
      s = s.substring(0, at);
    }
    int slash = s.lastIndexOf('/');
    int colon = s.lastIndexOf(':');
    if (colon > slash) {
      s = s.substring(0, colon);
    }
    String[] parts = s.split("/");
    // "docker.io/library/nginx" and "registry:5000/x/nginx": drop a registry host part.
    if (parts.length > 1 && (parts[0].contains(".") || parts[0].contains(":")
        || parts[0].equals("localhost"))) {
      s = s.substring(parts[0].length() + 1);
    }
    return s.startsWith("library/") ? s.substring("library/".length()) : s;
  }

  /**
   * The built-in's arguments for {@link BuiltinMain}, or empty when the image has none.
   * The caller prefixes the java launcher.
   */
  public static Optional<List<String>> builtinArgs(Container c) {
    String repo = repository(c.getImage());
    String last = repo.substring(repo.lastIndexOf('/') + 1);
    if (repo.contains("http-echo")) {
      String text = "hello-world";
      String listen = ":5678";
      for (String a : c.getArgs() == null ? List.<String>of() : c.getArgs()) {
        if (a.startsWith("-text=") || a.startsWith("--text=")) {
          text = a.substring(a.indexOf('=') + 1);
        } else if (a.startsWith("-listen=") || a.startsWith("--listen=")) {
          listen = a.substring(a.indexOf('=') + 1);
        }
      }
      String port = listen.substring(listen.lastIndexOf(':') + 1);
      return Optional.of(List.of("echo", port, text));
    }
    if (List.of("nginx", "httpd", "apache", "caddy", "whoami", "httpbin", "nginx-unprivileged")
        .contains(last)) {
      return Optional.of(List.of("http", String.valueOf(firstPort(c, 80)), last));
    }
    if (List.of("busybox", "alpine", "ubuntu", "debian", "pause").contains(last)) {
      return Optional.of(List.of("sleep"));
    }
    return Optional.empty();
  }

  /** The message of an ImageNotSupported wait. */
  public static String notSupportedMessage(String image) {
    return "kubling does not pull images and has no built-in behaviour for " + image
        + "; give the container a command (it runs on the node), or use nginx, httpd,"
        + " hashicorp/http-echo, busybox or alpine";
  }

  static int firstPort(Container c, int fallback) {
    List<ContainerPort> ports = c.getPorts() == null ? new ArrayList<>() : c.getPorts();
    for (ContainerPort p : ports) {
      if (p.getContainerPort() != null && (p.getProtocol() == null
          || "TCP".equals(p.getProtocol()))) {
        return p.getContainerPort();
      }
    }
    return fallback;
  }
}
