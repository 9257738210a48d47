package io.kubling.e2e.kubectl;

/** {@link KubectlUpdate} with the installed kubectl dispatcher (1.32 for kubling). */
class KubectlUpdateDefaultTest extends KubectlUpdate {
  KubectlUpdateDefaultTest() {
    super(Client.DISPATCHER);
  }
}
