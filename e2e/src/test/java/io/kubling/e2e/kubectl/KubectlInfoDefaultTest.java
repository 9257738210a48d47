package io.kubling.e2e.kubectl;

/** {@link KubectlInfo} with the installed kubectl dispatcher (1.32 for kubling). */
class KubectlInfoDefaultTest extends KubectlInfo {
  KubectlInfoDefaultTest() {
    super(Client.DISPATCHER);
  }
}
