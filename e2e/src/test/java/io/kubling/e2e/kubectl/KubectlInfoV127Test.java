package io.kubling.e2e.kubectl;

/** {@link KubectlInfo} with kubectl 1.27. */
class KubectlInfoV127Test extends KubectlInfo {
  KubectlInfoV127Test() {
    super(Client.V1_27);
  }
}
