package io.kubling.e2e.proxy;

import io.kubling.agent.host.NodeHosts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Real connections from inside a namespace: a small Python client makes N new connections to
 * ip:port, one HTTP/1.0 GET each, and prints each answer (a pod's name) or ERR:&lt;error&gt;.
 * Python because it is on the machine; curl per request would fork a process each time.
 */
final class Traffic {
  static final String CLIENT = """
      import socket, sys
      ip, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
      for i in range(n):
          try:
              s = socket.create_connection((ip, port), timeout=3)
              s.sendall(b"GET / HTTP/1.0\\r\\nHost: svc\\r\\n\\r\\n")
              data = b""
              while True:
                  c = s.recv(4096)
                  if not c:
                      break
                  data += c
              s.close()
              body = data.split(b"\\r\\n\\r\\n", 1)[1].decode() if b"\\r\\n\\r\\n" in data else ""
              print(body if body else "ERR:Empty")
          except Exception as e:
              print("ERR:" + type(e).__name__)
      """;

  /** The pods' server: answers every GET with the pod's name. */
  static final String SERVER = """
      import http.server, os
      name = os.environ["POD_NAME"].encode()
      class H(http.server.BaseHTTPRequestHandler):
          def do_GET(self):
              self.send_response(200)
              self.send_header("Content-Length", str(len(name)))
              self.end_headers()
              self.wfile.write(name)
          def log_message(self, *a):
              pass
      server = http.server.ThreadingHTTPServer(("0.0.0.0", 8080), H)
      open(os.path.join(os.environ["STATE_DIR"], os.environ["POD_NAME"] + ".listening"), "w").close()
      server.serve_forever()
      """;

  private final Path script;

  Traffic(Path dir) throws IOException {
    script = Files.writeString(dir.resolve("client.py"), CLIENT);
  }

  /** N requests from namespace {@code netns} to ip:port; one answer per request. */
  List<String> requests(String netns, String ip, int port, int n) throws IOException {
    NodeHosts.Result r = NodeHosts.run("timeout 120 ip netns exec " + netns + " /usr/bin/python3 "
        + script + " " + ip + " " + port + " " + n);
    List<String> lines = r.out().lines().toList();
    if (lines.size() != n) {
      throw new IOException("client in " + netns + " printed " + lines.size() + " of " + n
          + " answers: " + r.out());
    }
    return lines;
  }

  static Map<String, Integer> histogram(List<String> answers) {
    Map<String, Integer> h = new TreeMap<>();
    answers.forEach(a -> h.merge(a, 1, Integer::sum));
    return h;
  }
}
