package io.kubling.proxy.dns;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kube-dns Service in kube-system, as kubeadm's DNS addon installs it: ClusterIP
 * --cluster-dns, port 53, labelled k8s-app=kube-dns — but UDP only (the DNS server answers over
 * UDP only) and without a selector, since its endpoint is the DNS server of each node
 * ({@link NodeLocalDns}). The first agent to start
 * creates it; an existing one is left as it is.
 */
public final class KubeDnsService {
  private static final Logger log = LoggerFactory.getLogger(KubeDnsService.class);

  private KubeDnsService() {}

  public static Service desired(String clusterIP) {
    return new ServiceBuilder().withNewMetadata().withName(NodeLocalDns.SERVICE)
        .withNamespace(NodeLocalDns.NAMESPACE).addToLabels("k8s-app", "kube-dns")
        .addToLabels("kubernetes.io/name", "CoreDNS").endMetadata()
        .withNewSpec().withType("ClusterIP").withClusterIP(clusterIP)
        .addNewPort().withName("dns").withProtocol("UDP").withPort(53).endPort()
        .endSpec().build();
  }

  /** Creates the Service unless it exists; true once it exists. */
  public static boolean ensure(KubernetesClient client, String clusterIP) {
    var r = client.services().inNamespace(NodeLocalDns.NAMESPACE)
        .withName(NodeLocalDns.SERVICE);
    Service have = r.get();
    if (have != null) {
      if (!clusterIP.equals(have.getSpec().getClusterIP())) {
        log.atWarn().addKeyValue("clusterIP", have.getSpec().getClusterIP())
            .addKeyValue("clusterDns", clusterIP)
            .log("kube-dns exists with another ClusterIP than --cluster-dns; pods' resolv.conf"
                + " names --cluster-dns, so their queries will not reach it");
      }
      return true;
    }
    try {
      client.services().inNamespace(NodeLocalDns.NAMESPACE).resource(desired(clusterIP)).create();
      log.atInfo().addKeyValue("clusterIP", clusterIP).log("kube-dns service created");
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        return true; // another agent was first
      }
      throw e;
    }
  }
}
