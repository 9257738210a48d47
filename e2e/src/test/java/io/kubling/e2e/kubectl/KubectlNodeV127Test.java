package io.kubling.e2e.kubectl;

/** {@link KubectlNode} with kubectl 1.27. */
class KubectlNodeV127Test extends KubectlNode {
  KubectlNodeV127Test() {
    super(Client.V1_27);
  }
}
