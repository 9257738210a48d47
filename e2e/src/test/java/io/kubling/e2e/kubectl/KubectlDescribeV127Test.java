package io.kubling.e2e.kubectl;

/** {@link KubectlDescribe} with kubectl 1.27. */
class KubectlDescribeV127Test extends KubectlDescribe {
  KubectlDescribeV127Test() {
    super(Client.V1_27);
  }
}
