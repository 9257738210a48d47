package io.kubling.e2e.kubectl;

/** {@link KubectlIngress} with the installed kubectl dispatcher (1.32 for kubling). */
class KubectlIngressDefaultTest extends KubectlIngress {
  KubectlIngressDefaultTest() {
    super(Client.DISPATCHER);
  }
}
