package io.kubling.e2e.kubectl;

/** {@link KubectlGet} with the installed kubectl dispatcher (1.32 for kubling). */
class KubectlGetDefaultTest extends KubectlGet {
  KubectlGetDefaultTest() {
    super(Client.DISPATCHER);
  }
}
