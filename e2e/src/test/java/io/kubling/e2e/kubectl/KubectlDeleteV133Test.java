package io.kubling.e2e.kubectl;

/** {@link KubectlDelete} with kubectl 1.33. */
class KubectlDeleteV133Test extends KubectlDelete {
  KubectlDeleteV133Test() {
    super(Client.V1_33);
  }
}
