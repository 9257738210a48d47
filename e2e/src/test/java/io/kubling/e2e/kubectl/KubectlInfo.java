package io.kubling.e2e.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** kubectl api-resources, version and cluster-info. */
abstract class KubectlInfo extends KubectlSuite {

  KubectlInfo(Client client) {
    super(client);
  }

  @Test
  void apiResources() {
    Table t = Table.parse(k.ok("api-resources"));
    assertThat(t.columns())
        .containsExactly("NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND");
    assertThat(t.rows()).extracting(r -> String.join(" ", r.values())).contains(
        "pods po v1 true Pod",
        "nodes no v1 false Node",
        "namespaces ns v1 false Namespace",
        "services svc v1 true Service",
        "endpoints ep v1 true Endpoints",
        "configmaps cm v1 true ConfigMap",
        "events ev v1 true Event",
        "deployments deploy apps/v1 true Deployment",
        "replicasets rs apps/v1 true ReplicaSet",
        "daemonsets ds apps/v1 true DaemonSet",
        "poddisruptionbudgets pdb policy/v1 true PodDisruptionBudget",
        "rolebindings  rbac.authorization.k8s.io/v1 true RoleBinding");
    assertThat(t.row("secrets")).containsEntry("SHORTNAMES", "")
        .containsEntry("APIVERSION", "v1").containsEntry("KIND", "Secret");
  }

  @Test
  void version() throws Exception {
    String out = k.ok("version");
    if (client.minor >= 28) {
      assertThat(out).contains("\nServer Version: v1.32.0-kubling\n");
    } else { // 1.27 still printed the Go struct
      assertThat(out).contains("Server Version: version.Info{Major:\"1\", Minor:\"32\","
          + " GitVersion:\"v1.32.0-kubling\"");
    }
    JsonNode json = Api.JSON.readTree(k.ok("version", "-o", "json"));
    assertThat(json.path("clientVersion").path("minor").asText()).startsWith("" + client.minor);
    JsonNode server = json.path("serverVersion");
    assertThat(server.path("major").asText()).isEqualTo("1");
    assertThat(server.path("minor").asText()).isEqualTo("32");
    assertThat(server.path("gitVersion").asText()).isEqualTo("v1.32.0-kubling");
    assertThat(server.path("platform").asText()).isEqualTo("linux/amd64");
  }

  @Test
  void clusterInfo() {
    // kubectl before 1.29 colours its output even when it is not a terminal.
    String out = k.ok("cluster-info").replaceAll("\u001B\\[[0-9;]*m", "");
    assertThat(out).isEqualTo("Kubernetes control plane is running at " + k.url() + "\n\n"
        + "To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
  }
}
