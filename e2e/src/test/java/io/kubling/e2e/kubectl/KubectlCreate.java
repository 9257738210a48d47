package io.kubling.e2e.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * kubectl create secret|configmap|namespace|deployment|role|rolebinding (1.32 and 1.33 send
 * these as protobuf), describe rolebinding, and expose.
 */
abstract class KubectlCreate extends KubectlSuite {

  KubectlCreate(Client client) {
    super(client);
  }

  @Test
  void createSecretGeneric() {
    assertThat(k.ok("create", "secret", "generic", "db-secret", "--from-literal=DB_Host=sql01",
        "--from-literal=DB_User=root", "--from-literal=DB_Password=password123"))
        .isEqualTo("secret/db-secret created\n");
    JsonNode s = k.api.object("/api/v1/namespaces/default/secrets/db-secret");
    assertThat(s.path("type").asText()).isEqualTo("Opaque");
    assertThat(Map.of("DB_Host", decode(s, "DB_Host"), "DB_User", decode(s, "DB_User"),
        "DB_Password", decode(s, "DB_Password")))
        .isEqualTo(Map.of("DB_Host", "sql01", "DB_User", "root", "DB_Password", "password123"));
    assertThat(Table.parse(k.ok("get", "secret", "db-secret")).row("db-secret"))
        .containsEntry("TYPE", "Opaque").containsEntry("DATA", "3");
  }

  private static String decode(JsonNode secret, String key) {
    return new String(Base64.getDecoder().decode(secret.path("data").path(key).asText()),
        StandardCharsets.UTF_8);
  }

  @Test
  void createConfigMap() {
    assertThat(k.ok("create", "configmap", "app-config", "--from-literal=APP_COLOR=blue",
        "--from-literal=APP_MODE=prod")).isEqualTo("configmap/app-config created\n");
    assertThat(k.api.object("/api/v1/namespaces/default/configmaps/app-config").path("data"))
        .isEqualTo(Api.json("{\"APP_COLOR\":\"blue\",\"APP_MODE\":\"prod\"}"));
    assertThat(Table.parse(k.ok("get", "cm", "app-config")).row("app-config").get("DATA"))
        .isEqualTo("2");
  }

  @Test
  void createNamespaceTwice() {
    assertThat(k.ok("create", "namespace", "dev")).isEqualTo("namespace/dev created\n");
    assertThat(Table.parse(k.ok("get", "ns", "dev")).row("dev").get("STATUS"))
        .isEqualTo("Active");
    assertFails(k.run("create", "namespace", "dev"),
        "Error from server (AlreadyExists): namespaces \"dev\" already exists");
  }

  @Test
  void createDeployment() {
    assertThat(k.ok("create", "deployment", "webapp", "--image=nginx:1.25", "--replicas=3"))
        .isEqualTo("deployment.apps/webapp created\n");
    JsonNode d = k.api.object("/apis/apps/v1/namespaces/default/deployments/webapp");
    assertThat(d.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(d.at("/spec/selector/matchLabels/app").asText()).isEqualTo("webapp");
    assertThat(d.at("/spec/strategy/rollingUpdate/maxSurge").asText()).isEqualTo("25%");
    Table wide = Table.parse(k.ok("get", "deploy", "webapp", "-o", "wide"));
    assertThat(wide.columns()).containsExactly("NAME", "READY", "UP-TO-DATE", "AVAILABLE",
        "AGE", "CONTAINERS", "IMAGES", "SELECTOR");
    assertThat(wide.row("webapp")).containsEntry("READY", "0/3")
        .containsEntry("CONTAINERS", "nginx").containsEntry("IMAGES", "nginx:1.25")
        .containsEntry("SELECTOR", "app=webapp");
  }

  @Test
  void createRoleAndRoleBindingThenDescribe() {
    assertThat(k.ok("create", "role", "developer", "--verb=*", "--resource=pod"))
        .isEqualTo("role.rbac.authorization.k8s.io/developer created\n");
    assertThat(k.api.object("/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles/"
        + "developer").path("rules"))
        .isEqualTo(Api.json("[{\"apiGroups\":[\"\"],\"resources\":[\"pods\"],\"verbs\":[\"*\"]}]"));

    assertThat(k.ok("create", "rolebinding", "dev-user-binding", "--role=developer",
        "--user=dev-user"))
        .isEqualTo("rolebinding.rbac.authorization.k8s.io/dev-user-binding created\n");
    JsonNode b = k.api.object("/apis/rbac.authorization.k8s.io/v1/namespaces/default/"
        + "rolebindings/dev-user-binding");
    assertThat(b.path("roleRef")).isEqualTo(Api.json("{\"apiGroup\":"
        + "\"rbac.authorization.k8s.io\",\"kind\":\"Role\",\"name\":\"developer\"}"));
    assertThat(b.path("subjects")).isEqualTo(Api.json("[{\"apiGroup\":"
        + "\"rbac.authorization.k8s.io\",\"kind\":\"User\",\"name\":\"dev-user\"}]"));

    assertThat(k.ok("describe", "rolebinding", "dev-user-binding")).isEqualTo("""
        Name:         dev-user-binding
        Labels:       <none>
        Annotations:  <none>
        Role:
          Kind:  Role
          Name:  developer
        Subjects:
          Kind  Name      Namespace
          ----  ----      ---------
          User  dev-user \s
        """);
  }

  @Test
  void exposePod() {
    k.ok("run", "redis", "--image=redis:alpine");
    assertThat(k.ok("expose", "pod", "redis", "--port=6379", "--name=redis-service",
        "--type=ClusterIP")).isEqualTo("service/redis-service exposed\n");
    JsonNode svc = k.api.object("/api/v1/namespaces/default/services/redis-service");
    assertThat(svc.at("/spec/selector")).isEqualTo(Api.json("{\"run\":\"redis\"}"));
    assertThat(svc.at("/spec/ports/0/targetPort").asInt()).isEqualTo(6379);
    Table t = Table.parse(k.ok("get", "svc", "redis-service", "-o", "wide"));
    assertThat(t.columns()).containsExactly("NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP",
        "PORT(S)", "AGE", "SELECTOR");
    assertThat(t.row("redis-service")).containsEntry("TYPE", "ClusterIP")
        .containsEntry("CLUSTER-IP", svc.at("/spec/clusterIP").asText())
        .containsEntry("EXTERNAL-IP", "<none>").containsEntry("PORT(S)", "6379/TCP")
        .containsEntry("SELECTOR", "run=redis");
  }

  @Test
  void exposeDeploymentAsNodePort() {
    k.ok("create", "deployment", "frontend", "--image=nginx:1.25");
    assertThat(k.ok("expose", "deployment", "frontend", "--port=80", "--target-port=8080",
        "--type=NodePort")).isEqualTo("service/frontend exposed\n");
    JsonNode port = k.api.object("/api/v1/namespaces/default/services/frontend")
        .at("/spec/ports/0");
    int nodePort = port.path("nodePort").asInt();
    assertThat(nodePort).isBetween(30000, 32767);
    assertThat(port.path("targetPort").asInt()).isEqualTo(8080);
    assertThat(Table.parse(k.ok("get", "svc", "frontend")).row("frontend"))
        .containsEntry("TYPE", "NodePort").containsEntry("PORT(S)", "80:" + nodePort + "/TCP");
  }
}
