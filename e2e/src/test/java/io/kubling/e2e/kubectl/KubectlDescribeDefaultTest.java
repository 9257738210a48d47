package io.kubling.e2e.kubectl;

/** {@link KubectlDescribe} with the installed kubectl dispatcher (1.32 for kubling). */
class KubectlDescribeDefaultTest extends KubectlDescribe {
  KubectlDescribeDefaultTest() {
    super(Client.DISPATCHER);
  }
}
