package io.kubling.controllers.nodeipam;

import io.fabric8.kubernetes.api.model.Node;
import java.util.List;
import java.util.Optional;

/** What node IPAM reads (the node cache) and writes (a node's spec.podCIDR). */
public interface NodeIpamApi {
  Optional<Node> node(String name);

  List<Node> nodes();

  void setPodCidr(Node node, String cidr);
}
