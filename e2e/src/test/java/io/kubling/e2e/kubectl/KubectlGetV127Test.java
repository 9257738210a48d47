package io.kubling.e2e.kubectl;

/** {@link KubectlGet} with kubectl 1.27. */
class KubectlGetV127Test extends KubectlGet {
  KubectlGetV127Test() {
    super(Client.V1_27);
  }
}
