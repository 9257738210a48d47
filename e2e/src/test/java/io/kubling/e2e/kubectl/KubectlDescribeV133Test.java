package io.kubling.e2e.kubectl;

/** {@link KubectlDescribe} with kubectl 1.33. */
class KubectlDescribeV133Test extends KubectlDescribe {
  KubectlDescribeV133Test() {
    super(Client.V1_33);
  }
}
