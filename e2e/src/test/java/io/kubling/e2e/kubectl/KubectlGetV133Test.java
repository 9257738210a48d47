package io.kubling.e2e.kubectl;

/** {@link KubectlGet} with kubectl 1.33. */
class KubectlGetV133Test extends KubectlGet {
  KubectlGetV133Test() {
    super(Client.V1_33);
  }
}
