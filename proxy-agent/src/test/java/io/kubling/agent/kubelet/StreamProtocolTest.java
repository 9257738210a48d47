package io.kubling.agent.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The remotecommand framing and the exit Status kubectl turns into its own exit code. */
class StreamProtocolTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aFrameIsTheChannelByteThenTheData() {
    byte[] data = "hello world".getBytes(StandardCharsets.UTF_8);
    byte[] f = StreamProtocol.frame(StreamProtocol.STDERR, data, 5);
    assertThat(f).containsExactly(2, 'h', 'e', 'l', 'l', 'o');
    assertThat(StreamProtocol.channel(f)).isEqualTo(2);
    assertThat(StreamProtocol.channel(new byte[] {(byte) 255, 0})).isEqualTo(255);
    assertThat(StreamProtocol.channel(new byte[0])).isEqualTo(-1);
    assertThat(StreamProtocol.frame(StreamProtocol.STDOUT, data, 0)).containsExactly(1);
  }

  @Test
  void exitZeroIsSuccess() throws Exception {
    JsonNode s = JSON.readTree(StreamProtocol.exitStatus(0, List.of("true")));
    assertThat(s.path("status").asText()).isEqualTo("Success");
    assertThat(s.has("reason")).isFalse();
  }

  @Test
  void aNonZeroExitCarriesTheCodeAsKubectlReadsIt() throws Exception {
    JsonNode s = JSON.readTree(StreamProtocol.exitStatus(3, List.of("sh", "-c", "exit 3")));
    assertThat(s.path("status").asText()).isEqualTo("Failure");
    assertThat(s.path("reason").asText()).isEqualTo("NonZeroExitCode");
    assertThat(s.at("/details/causes/0/reason").asText()).isEqualTo("ExitCode");
    assertThat(s.at("/details/causes/0/message").asText()).isEqualTo("3");
    assertThat(s.path("message").asText()).contains("[sh, -c, exit 3]", "exit code 3");
  }
}
