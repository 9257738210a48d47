package io.kubling.e2e.kubectl;

/** {@link KubectlApply} with kubectl 1.27. */
class KubectlApplyV127Test extends KubectlApply {
  KubectlApplyV127Test() {
    super(Client.V1_27);
  }
}
