package io.kubling.e2e.kubectl;

/** {@link KubectlDelete} with kubectl 1.27. */
class KubectlDeleteV127Test extends KubectlDelete {
  KubectlDeleteV127Test() {
    super(Client.V1_27);
  }
}
