package io.kubling.e2e.kubectl;

/** {@link KubectlDelete} with the installed kubectl dispatcher (1.32 for kubling). */
class KubectlDeleteDefaultTest extends KubectlDelete {
  KubectlDeleteDefaultTest() {
    super(Client.DISPATCHER);
  }
}
