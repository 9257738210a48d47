package io.kubling.e2e.kubectl;

import io.kubling.testkit.Kubectl;

/**
 * The kubectl clients the suite runs with: the installed dispatcher (which picks 1.32 after
 * asking kubling's /version), one older and one newer release.
 */
enum Client {
  DISPATCHER(Kubectl.DEFAULT, 32),
  V1_27(Kubectl.minor(27), 27),
  V1_33(Kubectl.minor(33), 33);

  final String binary;
  final int minor;

  Client(String binary, int minor) {
    this.binary = binary;
    this.minor = minor;
  }
}
