package io.kubling.e2e.kubectl;

/** {@link KubectlCreate} with kubectl 1.27. */
class KubectlCreateV127Test extends KubectlCreate {
  KubectlCreateV127Test() {
    super(Client.V1_27);
  }
}
