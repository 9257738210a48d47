package io.kubling.proxy.netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The tiny Python programs the lab runs inside namespaces: a pod's server and a client. */
final class PodScripts {
  private PodScripts() {}

  /** A pod: HTTP on TCP and a datagram answer on UDP, both saying the pod's name. */
  static final String SERVER = """
      import socket, sys, threading
      name, port = sys.argv[1], int(sys.argv[2])
      def udp():
          s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
          s.bind(("0.0.0.0", port))
          while True:
              data, addr = s.recvfrom(2048)
              s.sendto(name.encode(), addr)
      threading.Thread(target=udp, daemon=True).start()
      srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
      srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
      srv.bind(("0.0.0.0", port))
      srv.listen(512)
      print("ready", flush=True)
      def serve(c):
          try:
              req = b""
              while b"\\r\\n\\r\\n" not in req:
                  chunk = c.recv(65536)
                  if not chunk:
                      break
                  req += chunk
              if req.startswith(b"GET /bulk"):
                  # /bulk/<bytes>: stream that many bytes, for throughput runs
                  n = int(req.split(b" ")[1].split(b"/")[2])
                  c.sendall(b"HTTP/1.0 200 OK\\r\\n\\r\\n")
                  buf = b"x" * 262144
                  while n > 0:
                      c.sendall(buf[:min(n, len(buf))])
                      n -= len(buf)
              else:
                  body = name.encode()
                  c.sendall(b"HTTP/1.0 200 OK\\r\\nContent-Length: %d\\r\\n\\r\\n%s" % (len(body), body))
          finally:
              c.close()
      while True:
          c, _ = srv.accept()
          threading.Thread(target=serve, args=(c,), daemon=True).start()
      """;

  /** N requests, each on a new connection (or datagram); one line each: name or ERR:reason. */
  static final String CLIENT = """
      import socket, sys, time
      proto, ip, port, n = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
      for i in range(n):
          t0 = time.time()
          try:
              if proto == "udp":
                  s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                  s.settimeout(2)
                  s.sendto(b"q", (ip, port))
                  print(s.recv(2048).decode(), flush=True)
              else:
                  s = socket.create_connection((ip, port), timeout=3)
                  s.sendall(b"GET / HTTP/1.0\\r\\n\\r\\n")
                  data = b""
                  while True:
                      chunk = s.recv(65536)
                      if not chunk:
                          break
                      data += chunk
                  print(data.split(b"\\r\\n\\r\\n", 1)[1].decode(), flush=True)
              s.close()
          except Exception as e:
              print("ERR:%s:%.3f" % (type(e).__name__, time.time() - t0), flush=True)
      """;

  static synchronized Path write(Path dir) throws IOException {
    Path server = dir.resolve("pod_server.py");
    if (!Files.exists(server)) {
      Files.writeString(server, SERVER);
      Files.writeString(dir.resolve("client.py"), CLIENT);
    }
    return dir;
  }
}
