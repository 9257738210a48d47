package io.kubling.e2e.kubectl;

/** {@link KubectlInfo} with kubectl 1.33. */
class KubectlInfoV133Test extends KubectlInfo {
  KubectlInfoV133Test() {
    super(Client.V1_33);
  }
}
