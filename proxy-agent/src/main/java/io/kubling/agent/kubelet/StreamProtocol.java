package io.kubling.agent.kubelet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The Kubernetes remotecommand stream protocol over WebSocket (v4 and v5.channel.k8s.io):
 * every binary message starts with its channel byte. 0 stdin, 1 stdout, 2 stderr, 3 the
 * final Status, 4 terminal resize, and in v5 255 "close": the client closed a channel.
 */
public final class StreamProtocol {
  public static final String V5 = "v5.channel.k8s.io";
  public static final String V4 = "v4.channel.k8s.io";
  /** Offered in this order; kubectl 1.30+ asks for v5 and falls back to v4. */
  public static final List<String> PROTOCOLS = List.of(V5, V4);

  public static final int STDIN = 0;
  public static final int STDOUT = 1;
  public static final int STDERR = 2;
  public static final int ERROR = 3;
  public static final int RESIZE = 4;
  public static final int CLOSE = 255;

  private static final ObjectMapper JSON = new ObjectMapper();

  private StreamProtocol() {}

  /** One message: the channel byte, then {@code len} bytes of data. */
  public static byte[] frame(int channel, byte[] data, int len) {
    byte[] out = new byte[len + 1];
    out[0] = (byte) channel;
    System.arraycopy(data, 0, out, 1, len);
    return out;
  }

  /** The channel of a received message, 0..255; -1 for an empty message. */
  public static int channel(byte[] message) {
    return message.length == 0 ? -1 : message[0] & 0xff;
  }

  /** The final Status the error channel carries when the command exited with {@code code}. */
  public static byte[] exitStatus(int code, List<String> command) {
    ObjectNode s = JSON.createObjectNode();
    s.putObject("metadata");
    if (code == 0) {
      s.put("status", "Success");
      return bytes(s);
    }
    s.put("status", "Failure");
    s.put("message", "command terminated with non-zero exit code: error executing command "
        + command + ", exit code " + code);
    s.put("reason", "NonZeroExitCode");
    ObjectNode cause = s.putObject("details").putArray("causes").addObject();
    cause.put("reason", "ExitCode");
    cause.put("message", Integer.toString(code));
    return bytes(s);
  }

  private static byte[] bytes(ObjectNode s) {
    try {
      return JSON.writeValueAsString(s).getBytes(StandardCharsets.UTF_8);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
