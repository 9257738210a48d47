package io.kubling.bench.ingress;

import java.nio.file.Path;

/**
 * The nginx configuration of the ingress bench's reference proxy, as pure text: what kubling's
 * proxy does for the bench, said in nginx's words. Keep-alive on both sides (clients and an
 * upstream pool), Host passed through, X-Forwarded-For/-Proto/-Host set as kubling's proxy sets
 * them, the same 100 other hosts (with / and /api paths) whose backends have no endpoints, and
 * every file nginx writes kept inside dir.
 */
final class NginxConf {
  /** Connections kept open to the backend per worker, more than the load's 32. */
  static final int UPSTREAM_KEEPALIVE = 64;
  /** Requests per connection before nginx closes it: never, within a run. */
  static final int KEEPALIVE_REQUESTS = 1_000_000;
  static final int OTHER_HOSTS = 100;

  private NginxConf() {}

  /**
   * The config: workers worker processes listening on 127.0.0.1:port only, proxying
   * bench.example to 127.0.0.1:backendPort. user is the worker processes' user when the master
   * runs as root (null otherwise: the directive would only earn a warning).
   */
  static String render(Path dir, int workers, int port, int backendPort, String user) {
    String d = dir.toAbsolutePath().toString();
    String listen = "127.0.0.1:" + port;
    StringBuilder c = new StringBuilder();
    if (user != null) {
      c.append("user ").append(user).append(";\n");
    }
    c.append("worker_processes ").append(workers).append(";\n")
        .append("pid ").append(d).append("/nginx.pid;\n")
        .append("lock_file ").append(d).append("/nginx.lock;\n")
        .append("error_log ").append(d).append("/error.log warn;\n")
        .append("events {\n  worker_connections 1024;\n}\n")
        .append("http {\n")
        .append("  access_log off;\n")
        .append("  client_body_temp_path ").append(d).append("/client_body;\n")
        .append("  proxy_temp_path ").append(d).append("/proxy;\n")
        .append("  fastcgi_temp_path ").append(d).append("/fastcgi;\n")
        .append("  uwsgi_temp_path ").append(d).append("/uwsgi;\n")
        .append("  scgi_temp_path ").append(d).append("/scgi;\n")
        .append("  keepalive_requests ").append(KEEPALIVE_REQUESTS).append(";\n")
        .append("  upstream bench_target {\n")
        .append("    server 127.0.0.1:").append(backendPort).append(";\n")
        .append("    keepalive ").append(UPSTREAM_KEEPALIVE).append(";\n")
        .append("    keepalive_requests ").append(KEEPALIVE_REQUESTS).append(";\n")
        .append("  }\n")
        // kubling's proxy answers 404 where no rule matches.
        .append("  server {\n")
        .append("    listen ").append(listen).append(" default_server;\n")
        .append("    location / {\n      return 404;\n    }\n")
        .append("  }\n")
        .append("  server {\n")
        .append("    listen ").append(listen).append(";\n")
        .append("    server_name bench.example;\n")
        .append("    location / {\n")
        .append("      proxy_pass http://bench_target;\n")
        .append("      proxy_http_version 1.1;\n")
        // An empty Connection keeps the upstream connection alive (nginx sends "close" else).
        .append("      proxy_set_header Connection \"\";\n")
        .append("      proxy_set_header Host $http_host;\n")
        .append("      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n")
        .append("      proxy_set_header X-Forwarded-Proto $scheme;\n")
        .append("      proxy_set_header X-Forwarded-Host $http_host;\n")
        .append("    }\n")
        .append("  }\n");
    // The other hosts of kubling's routing table in the bench: backends without endpoints,
    // which kubling's proxy answers with 503.
    for (int i = 0; i < OTHER_HOSTS; i++) {
      c.append("  server {\n")
          .append("    listen ").append(listen).append(";\n")
          .append("    server_name host-").append(i).append(".example;\n")
          .append("    location / {\n      return 503;\n    }\n")
          .append("    location /api {\n      return 503;\n    }\n")
          .append("  }\n");
    }
    return c.append("}\n").toString();
  }
}
