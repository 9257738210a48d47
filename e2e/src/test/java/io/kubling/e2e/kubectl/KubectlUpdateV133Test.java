package io.kubling.e2e.kubectl;

/** {@link KubectlUpdate} with kubectl 1.33. */
class KubectlUpdateV133Test extends KubectlUpdate {
  KubectlUpdateV133Test() {
    super(Client.V1_33);
  }
}
