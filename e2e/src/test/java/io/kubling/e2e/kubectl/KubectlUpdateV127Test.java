package io.kubling.e2e.kubectl;

/** {@link KubectlUpdate} with kubectl 1.27. */
class KubectlUpdateV127Test extends KubectlUpdate {
  KubectlUpdateV127Test() {
    super(Client.V1_27);
  }
}
