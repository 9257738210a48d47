package io.kubling.e2e.secure;

import java.util.List;

/**
 * Who a test's client is, as the API server sees it from the client certificate: the user
 * (CN), the groups (O) and the certificate's path under pki/ (without .crt/.key), with the
 * names issue 9's contract fixes.
 */
public record Identity(String user, List<String> groups, String pkiPath) {
  public static final Identity ADMIN =
      new Identity("kubernetes-admin", List.of("system:masters"), "admin");
  public static final Identity SCHEDULER =
      new Identity("system:kube-scheduler", List.of(), "kube-scheduler");
  public static final Identity CONTROLLER_MANAGER =
      new Identity("system:kube-controller-manager", List.of(), "kube-controller-manager");
  public static final Identity INGRESS_CONTROLLER =
      new Identity("system:kubling-ingress-controller", List.of(), "ingress-controller");

  public Identity {
    groups = List.copyOf(groups);
  }

  /** A node's kubelet: system:node:&lt;name&gt; in system:nodes, as the Node authorizer wants. */
  public static Identity node(String name) {
    return new Identity("system:node:" + name, List.of("system:nodes"), "nodes/" + name);
  }

  /** The node name of a node identity, or null. */
  public String nodeName() {
    return user.startsWith("system:node:") ? user.substring("system:node:".length()) : null;
  }

  /** A short file name for this identity's kubeconfig. */
  String fileName() {
    return pkiPath.replace('/', '-');
  }
}
