package io.kubling.e2e.proxy;

/** The nftables mode: the same semantics as one nft table of the agent's own. */
class NftablesProxyE2ETest extends ServiceProxyE2E {
  @Override
  String mode() {
    return "nftables";
  }
}
