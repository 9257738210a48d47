package io.kubling.e2e.kubectl;

/** {@link KubectlCreate} with kubectl 1.33. */
class KubectlCreateV133Test extends KubectlCreate {
  KubectlCreateV133Test() {
    super(Client.V1_33);
  }
}
