package io.kubling.e2e.kubectl;

/** {@link KubectlApply} with the installed kubectl dispatcher (1.32 for kubling). */
class KubectlApplyDefaultTest extends KubectlApply {
  KubectlApplyDefaultTest() {
    super(Client.DISPATCHER);
  }
}
