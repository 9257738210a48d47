package io.kubling.apiserver.authorization;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubling.apiserver.authentication.UserInfo;
import io.kubling.apiserver.cache.CacheFeeder;
import io.kubling.apiserver.cache.CachedObject;
import io.kubling.apiserver.cache.WatchCache;
import io.kubling.apiserver.cache.WatchFilter;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.registry.Registry;
import java.util.List;
import java.util.Set;

/**
 * --authorization-mode=Node: what a node's credentials (user system:node:&lt;name&gt;, group
 * system:nodes) may write — its own Node, its own Lease, the pods bound to it — and the
 * secrets, configmaps and ServiceAccount tokens those pods need. Reads of shared objects are
 * left to RBAC's system:node role. Pod bindings are looked up in the watch cache.
 */
public final class NodeAuthorizer implements Authorizer, RuleResolver {
  public static final String NODES_GROUP = "system:nodes";
  public static final String NODE_USER_PREFIX = "system:node:";
  public static final String NODE_LEASE_NAMESPACE = "kube-node-lease";
  private static final Set<String> WRITES = Set.of("update", "patch", "delete");
  private static final Set<String> READS = Set.of("get", "list", "watch");

  private final WatchCache pods;

  public NodeAuthorizer(CacheFeeder caches, Registry registry) {
    this.pods = caches.cache(registry.get("", "pods"));
  }

  /** The node a user is, or null when it is not a node's identity. */
  public static String nodeName(UserInfo user) {
    if (user == null || !user.inGroup(NODES_GROUP) || !user.name().startsWith(NODE_USER_PREFIX)) {
      return null;
    }
    String node = user.name().substring(NODE_USER_PREFIX.length());
    return node.isEmpty() ? null : node;
  }

  @Override
  public Decision authorize(Attributes a) {
    String node = nodeName(a.user());
    if (node == null || !a.resourceRequest()) {
      return Decision.NO_OPINION;
    }
    String group = a.apiGroup();
    String resource = a.resource();
    if (group.isEmpty() && resource.equals("nodes")) {
      return nodes(a, node);
    }
    if (group.equals("coordination.k8s.io") && resource.equals("leases")) {
      return leases(a, node);
    }
    if (group.isEmpty() && resource.equals("pods")) {
      return pods(a, node);
    }
    if (group.isEmpty() && resource.equals("serviceaccounts")
        && (a.subresource().equals("token") && a.verb().equals("create")
            || a.subresource().isEmpty() && a.verb().equals("get"))) {
      return decide(usedByPodOn(node, a.namespace(), p -> serviceAccount(p).equals(a.name())),
          node);
    }
    if (group.isEmpty() && (resource.equals("secrets") || resource.equals("configmaps"))
        && a.verb().equals("get") && a.subresource().isEmpty()) {
      boolean secret = resource.equals("secrets");
      return decide(usedByPodOn(node, a.namespace(),
          p -> PodReferences.names(p, secret).contains(a.name())), node);
    }
    return Decision.NO_OPINION;
  }

  /** A node's grants depend on its pods, so they cannot be listed: incomplete, as in Kubernetes. */
  @Override
  public List<PolicyRule> rulesFor(UserInfo user, String namespace, boolean[] incomplete) {
    if (nodeName(user) != null) {
      incomplete[0] = true;
    }
    return List.of();
  }

  private static Decision nodes(Attributes a, String node) {
    if (a.verb().equals("create") && a.subresource().isEmpty()) {
      return Decision.allow("a node may register itself"); // NodeRestriction checks the name
    }
    if (WRITES.contains(a.verb()) && (a.subresource().isEmpty()
        || a.subresource().equals("status"))) {
      return decide(a.name().equals(node), node);
    }
    return Decision.NO_OPINION;
  }

  private static Decision leases(Attributes a, String node) {
    if (!a.namespace().equals(NODE_LEASE_NAMESPACE)) {
      return Decision.NO_OPINION;
    }
    if (a.verb().equals("create")) {
      return Decision.allow("a node may create its lease"); // NodeRestriction checks the name
    }
    if (WRITES.contains(a.verb()) || a.verb().equals("get")) {
      return decide(a.name().equals(node), node);
    }
    return Decision.NO_OPINION;
  }

  private Decision pods(Attributes a, String node) {
    String sub = a.subresource();
    if (a.verb().equals("create") && sub.isEmpty()) {
      return Decision.allow("a node may create mirror pods"); // NodeRestriction checks which
    }
    if (READS.contains(a.verb()) && (sub.isEmpty() || sub.equals("status"))) {
      return Decision.NO_OPINION; // RBAC's system:node role
    }
    boolean write = (WRITES.contains(a.verb()) && (sub.isEmpty() || sub.equals("status")))
        || (a.verb().equals("create") && sub.equals("eviction"));
    if (!write || a.name().isEmpty()) {
      return Decision.NO_OPINION;
    }
    CachedObject pod = pods.get(pods.type().keyPrefix() + a.namespace() + "/" + a.name());
    if (pod == null && !a.verb().equals("create")) {
      // Gone, or not in the cache yet: NodeRestriction checks the stored pod's binding, so a
      // node finishing a pod that was deleted meanwhile gets 404, as from Kubernetes, not 403.
      return Decision.allow("pod not in the cache: NodeRestriction checks the stored pod");
    }
    return decide(pod != null && node.equals(Json.text(pod.object(), "spec", "nodeName")), node);
  }

  private boolean usedByPodOn(String node, String namespace,
      java.util.function.Predicate<JsonNode> uses) {
    if (namespace.isEmpty()) {
      return false;
    }
    List<CachedObject> inNamespace = pods.list(pods.type().keyPrefix() + namespace + "/",
        WatchFilter.EVERYTHING);
    for (CachedObject p : inNamespace) {
      if (node.equals(Json.text(p.object(), "spec", "nodeName")) && uses.test(p.object())) {
        return true;
      }
    }
    return false;
  }

  private static String serviceAccount(JsonNode pod) {
    String sa = Json.text(pod, "spec", "serviceAccountName");
    return sa == null || sa.isEmpty() ? "default" : sa;
  }

  private static Decision decide(boolean related, String node) {
    return related ? Decision.allow("the object is related to node '" + node + "'")
        : Decision.noOpinion("no relationship found between node '" + node
            + "' and this object");
  }
}
