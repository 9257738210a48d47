package io.kubling.agent.builtin;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The process behind a built-in image behaviour, run in the pod's namespace:
 * {@code http <port> <server>}, {@code echo <port> <text>} or {@code sleep}.
 */
public final class BuiltinMain {
  private BuiltinMain() {}

  public static void main(String[] args) throws Exception {
    switch (args.length == 0 ? "" : args[0]) {
      case "http" -> serve(Integer.parseInt(args[1]), page(args.length > 2 ? args[2] : "http"),
          "text/html");
      case "echo" -> serve(Integer.parseInt(args[1]), args[2] + "\n", "text/plain");
      case "sleep" -> Thread.sleep(Long.MAX_VALUE);
      default -> {
        System.err.println("usage: BuiltinMain http|echo|sleep ...");
        System.exit(2);
      }
    }
  }

  static String page(String server) throws IOException {
    return "<!DOCTYPE html>\n<html><head><title>Welcome to " + server + "!</title></head>"
        + "<body><h1>Welcome to " + server + "!</h1><p>kubling built-in " + server + " on "
        + InetAddress.getLocalHost().getHostName() + "</p></body></html>\n";
  }

  static void serve(int port, String body, String type) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 64);
    server.createContext("/", ex -> {
      System.out.println(ex.getRemoteAddress().getAddress().getHostAddress() + " - \""
          + ex.getRequestMethod() + " " + ex.getRequestURI() + "\" 200 " + bytes.length);
      ex.getResponseHeaders().set("Content-Type", type);
      boolean head = "HEAD".equals(ex.getRequestMethod());
      ex.sendResponseHeaders(200, head ? -1 : bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        if (!head) {
          out.write(bytes);
        }
      }
    });
    server.start();
    System.out.println("listening on :" + port);
  }
}
