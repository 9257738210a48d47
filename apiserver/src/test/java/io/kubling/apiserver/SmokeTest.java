package io.kubling.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SmokeTest {
  static ApiServerFixture f;
  static Http http;

  @BeforeAll
  static void up() {
    f = new ApiServerFixture();
    http = new Http(f.url());
  }

  @AfterAll
  static void down() {
    f.close();
  }

  @Test
  void basics() {
    assertThat(http.get("/version").body()).contains("\"minor\":\"32\"");
    assertThat(http.get("/api/v1/namespaces").body()).contains("kube-system");
    var created = http.post("/api/v1/namespaces/default/pods",
        "{\"metadata\":{\"name\":\"p1\",\"labels\":{\"app\":\"x\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}");
    System.out.println(created.body());
    assertThat(created.code()).isEqualTo(201);
    var list = http.get("/api/v1/namespaces/default/pods?labelSelector=app%3Dx");
    System.out.println(list.body());
    assertThat(list.body()).contains("\"p1\"");
    System.out.println(http.get("/api/v1/namespaces/default/services/kubernetes").body());
    var dup = http.post("/api/v1/namespaces/default/pods",
        "{\"metadata\":{\"name\":\"p1\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}");
    System.out.println(dup.body());
    assertThat(dup.code()).isEqualTo(409);
  }
}
