package io.kubling.e2e.kubectl;

/** {@link KubectlNode} with kubectl 1.33. */
class KubectlNodeV133Test extends KubectlNode {
  KubectlNodeV133Test() {
    super(Client.V1_33);
  }
}
