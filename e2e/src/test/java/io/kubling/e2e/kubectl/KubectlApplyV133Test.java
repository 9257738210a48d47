package io.kubling.e2e.kubectl;

/** {@link KubectlApply} with kubectl 1.33. */
class KubectlApplyV133Test extends KubectlApply {
  KubectlApplyV133Test() {
    super(Client.V1_33);
  }
}
