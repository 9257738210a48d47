package io.kubling.agent.cni;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CniConfigTest {
  @Test
  void conflistIsBridgeWithHostLocalOverThePodCidr() {
    assertThat(CniConfig.conflist("10.244.1.0/24", Path.of("/var/lib/kubling/cni/networks")))
        .isEqualTo("""
            {
              "cniVersion" : "1.0.0",
              "name" : "kubling",
              "plugins" : [ {
                "type" : "bridge",
                "bridge" : "kubling0",
                "isGateway" : true,
                "ipMasq" : false,
                "hairpinMode" : true,
                "ipam" : {
                  "type" : "host-local",
                  "ranges" : [ [ {
                    "subnet" : "10.244.1.0/24"
                  } ] ],
                  "routes" : [ {
                    "dst" : "0.0.0.0/0"
                  } ],
                  "dataDir" : "/var/lib/kubling/cni/networks"
                }
              } ]
            }
            """);
  }

  @Test
  void resultsGiveTheirFirstIpv4Address() throws Exception {
    var result = new ObjectMapper().readTree("""
        {"cniVersion":"1.0.0","ips":[{"interface":2,"address":"10.244.7.2/24",
         "gateway":"10.244.7.1"}]}""");
    assertThat(CniInvoker.firstIp(result)).isEqualTo("10.244.7.2");
  }
}
