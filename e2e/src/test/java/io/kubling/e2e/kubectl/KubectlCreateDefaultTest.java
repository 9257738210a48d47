package io.kubling.e2e.kubectl;

/** {@link KubectlCreate} with the installed kubectl dispatcher (1.32 for kubling). */
class KubectlCreateDefaultTest extends KubectlCreate {
  KubectlCreateDefaultTest() {
    super(Client.DISPATCHER);
  }
}
