package io.kubling.controllers.servicelb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LoadBalancerIpRangeTest {
  @ParameterizedTest
  @CsvSource({
      "10.250.0.200-10.250.0.202, 10.250.0.200, 3",
      "192.168.7.0/29, 192.168.7.1, 6",
      "192.168.7.9/32, 192.168.7.9, 1",
      "10.0.0.255-10.0.1.1, 10.0.0.255, 3"})
  void parsesRangesAndCidrs(String text, String first, long size) {
    LoadBalancerIpRange r = LoadBalancerIpRange.parse(text);
    assertThat(r.next(Set.of())).contains(first);
    assertThat(r.size()).isEqualTo(size);
  }

  @Test
  void nextSkipsUsedAddressesAndEndsEmpty() {
    LoadBalancerIpRange r = LoadBalancerIpRange.parse("10.0.0.255-10.0.1.1");
    assertThat(r.next(Set.of("10.0.0.255"))).contains("10.0.1.0");
    assertThat(r.next(Set.of("10.0.0.255", "10.0.1.0", "10.0.1.1"))).isEmpty();
    assertThat(r.contains("10.0.1.0")).isTrue();
    assertThat(r.contains("10.0.1.2")).isFalse();
    assertThat(r.contains("not-an-ip")).isFalse();
  }

  @Test
  void badRangesAreRefusedNamingTheFlag() {
    assertThatThrownBy(() -> LoadBalancerIpRange.parse("10.0.0.9-10.0.0.1"))
        .hasMessageContaining("--load-balancer-ip-range");
    assertThatThrownBy(() -> LoadBalancerIpRange.parse("10.0.0.1"))
        .hasMessageContaining("expected FIRST-LAST or a CIDR");
    assertThatThrownBy(() -> LoadBalancerIpRange.parse("10.0.0.300-10.0.1.1"))
        .hasMessageContaining("not an IPv4 address");
  }
}
