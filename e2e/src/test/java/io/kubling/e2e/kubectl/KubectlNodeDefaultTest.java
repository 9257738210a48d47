package io.kubling.e2e.kubectl;

/** {@link KubectlNode} with the installed kubectl dispatcher (1.32 for kubling). */
class KubectlNodeDefaultTest extends KubectlNode {
  KubectlNodeDefaultTest() {
    super(Client.DISPATCHER);
  }
}
