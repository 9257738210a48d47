package io.kubling.bench.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NginxConfTest {
  static final Path DIR = Path.of("/tmp/kubling-nginx-ref-1");

  static List<String> matches(String text, String regex) {
    Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
    return m.results().map(r -> r.group(1)).toList();
  }

  @Test
  void listensOnLoopbackOnlyOnTheGivenPort() {
    String conf = NginxConf.render(DIR, 2, 12345, 23456, null);
    List<String> listens = matches(conf, "^\\s*listen\\s+([^;]*);");
    assertThat(listens).hasSize(2 + NginxConf.OTHER_HOSTS)
        .allMatch(l -> l.startsWith("127.0.0.1:12345"));
    assertThat(listens).filteredOn(l -> l.contains("default_server")).hasSize(1);
  }

  @Test
  void everyPathItWritesIsInsideItsDir() {
    String conf = NginxConf.render(DIR, 1, 12345, 23456, null);
    List<String> paths = matches(conf,
        "^\\s*(?:pid|lock_file|error_log|\\w+_temp_path)\\s+(\\S+)");
    assertThat(paths).hasSize(8).allMatch(p -> p.startsWith(DIR + "/"));
    assertThat(conf).contains("access_log off;");
  }

  @Test
  void proxiesBenchExampleWithKeepAliveAndForwardedHeaders() {
    String conf = NginxConf.render(DIR, 2, 12345, 23456, "root");
    assertThat(conf).startsWith("user root;\nworker_processes 2;\n")
        .contains("server 127.0.0.1:23456;", "keepalive 64;", "server_name bench.example;",
            "proxy_http_version 1.1;", "proxy_set_header Connection \"\";",
            "proxy_set_header Host $http_host;",
            "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
            "proxy_set_header X-Forwarded-Proto $scheme;",
            "proxy_set_header X-Forwarded-Host $http_host;");
    // Neither side closes a connection within a run: the client's and the upstream's limit.
    assertThat(matches(conf, "^\\s*keepalive_requests\\s+(\\d+);")).containsExactly("1000000",
        "1000000");
    assertThat(NginxConf.render(DIR, 2, 12345, 23456, null)).doesNotContain("user ");
  }
}
