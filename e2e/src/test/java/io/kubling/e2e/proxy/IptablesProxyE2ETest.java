package io.kubling.e2e.proxy;

/** The iptables mode, the default. */
class IptablesProxyE2ETest extends ServiceProxyE2E {
  @Override
  String mode() {
    return "iptables";
  }
}
