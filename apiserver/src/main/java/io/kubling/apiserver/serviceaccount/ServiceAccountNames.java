package io.kubling.apiserver.serviceaccount;

/** The names ServiceAccount tokens use, shared by the issuer and whoever verifies them. */
public final class ServiceAccountNames {
  /** The private claim holding namespace, serviceaccount, pod and node. */
  public static final String PRIVATE_CLAIM = "kubernetes.io";
  public static final String USER_PREFIX = "system:serviceaccount:";
  public static final String ALL_GROUP = "system:serviceaccounts";
  /** Where pods find their token, ca.crt and namespace. */
  public static final String MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
  /** The ConfigMap every namespace gets with the cluster CA (root-ca-cert-publisher). */
  public static final String ROOT_CA_CONFIGMAP = "kube-root-ca.crt";
  public static final String DEFAULT_SERVICE_ACCOUNT = "default";

  private ServiceAccountNames() {}

  public static String subject(String namespace, String name) {
    return USER_PREFIX + namespace + ":" + name;
  }

  /** system:serviceaccounts:ns, the group of every ServiceAccount in ns. */
  public static String namespaceGroup(String namespace) {
    return ALL_GROUP + ":" + namespace;
  }
}
