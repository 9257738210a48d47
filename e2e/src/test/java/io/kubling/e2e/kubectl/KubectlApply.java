package io.kubling.e2e.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** kubectl run and apply: create, unchanged, configured, multi-document files, delete -f. */
abstract class KubectlApply extends KubectlSuite {
  private static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  KubectlApply(Client client) {
    super(client);
  }

  @Test
  void run() {
    assertThat(k.ok("run", "nginx-pod", "--image=nginx:alpine"))
        .isEqualTo("pod/nginx-pod created\n");
    JsonNode pod = k.api.object("/api/v1/namespaces/default/pods/nginx-pod");
    assertThat(pod.at("/metadata/labels/run").asText()).isEqualTo("nginx-pod");
    assertThat(pod.at("/spec/containers/0/name").asText()).isEqualTo("nginx-pod");
    assertThat(pod.at("/spec/containers/0/image").asText()).isEqualTo("nginx:alpine");
    assertThat(pod.at("/status/phase").asText()).isEqualTo("Pending");

    assertFails(k.run("run", "nginx-pod", "--image=nginx:alpine"),
        "Error from server (AlreadyExists): pods \"nginx-pod\" already exists");
  }

  /**
   * The run --dry-run=client -o yaml > nginx.yaml, then apply -f nginx.yaml
   * --namespace=finance, twice. The file carries creationTimestamp: null, so kubectl sends
   * {"metadata":{"creationTimestamp":null}} every time and reports "configured", as against
   * a real cluster (kubernetes/kubernetes#66450); the server changes nothing.
   */
  @Test
  void runDryRunThenApplyInNamespace() throws Exception {
    k.shell("kubectl run nginx --image=nginx --dry-run=client -o yaml > nginx.yaml")
        .assertOk();
    assertThat(k.read("nginx.yaml")).isEqualTo("""
        apiVersion: v1
        kind: Pod
        metadata:
          creationTimestamp: null
          labels:
            run: nginx
          name: nginx
        spec:
          containers:
          - image: nginx
            name: nginx
            resources: {}
          dnsPolicy: ClusterFirst
          restartPolicy: Always
        status: {}
        """);
    assertThat(k.api.get("/api/v1/namespaces/default/pods/nginx").code()).isEqualTo(404);

    assertThat(k.ok("create", "namespace", "finance")).isEqualTo("namespace/finance created\n");
    assertThat(k.ok("apply", "-f", "nginx.yaml", "--namespace=finance"))
        .isEqualTo("pod/nginx created\n");
    JsonNode pod = k.api.object("/api/v1/namespaces/finance/pods/nginx");
    JsonNode applied = Api.JSON.readTree(pod.at("/metadata/annotations").path(LAST_APPLIED)
        .asText());
    assertThat(applied.at("/metadata/namespace").asText()).isEqualTo("finance");
    assertThat(applied.at("/metadata/creationTimestamp").isNull()).isTrue();
    assertThat(pod.at("/spec/containers/0/image").asText()).isEqualTo("nginx");

    assertThat(k.ok("apply", "-f", "nginx.yaml", "--namespace=finance"))
        .isEqualTo("pod/nginx configured\n");
    JsonNode again = k.api.object("/api/v1/namespaces/finance/pods/nginx");
    assertThat(again.at("/metadata/resourceVersion")).isEqualTo(pod.at("/metadata/resourceVersion"));
    assertThat(again.at("/metadata/creationTimestamp")).isEqualTo(pod.at("/metadata/creationTimestamp"));
  }

  @Test
  void applyCleanFileTwice() {
    k.file("web.yaml", """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web
          labels:
            app: web
        spec:
          containers:
          - name: web
            image: nginx:1.27
        """);
    assertThat(k.ok("apply", "-f", "web.yaml")).isEqualTo("pod/web created\n");
    String rv = k.api.object("/api/v1/namespaces/default/pods/web")
        .at("/metadata/resourceVersion").asText();
    assertThat(k.ok("apply", "-f", "web.yaml")).isEqualTo("pod/web unchanged\n");
    assertThat(k.api.object("/api/v1/namespaces/default/pods/web")
        .at("/metadata/resourceVersion").asText()).isEqualTo(rv);
  }

  @Test
  void applyMultiDocumentTwiceThenDeleteFile() {
    k.file("frontend.yaml", Manifests.FRONTEND);
    assertThat(k.ok("apply", "-f", "frontend.yaml")).isEqualTo("""
        deployment.apps/frontend created
        service/frontend created
        daemonset.apps/node-exporter created
        configmap/app-config created
        secret/db-secret created
        """);
    assertThat(k.api.object("/api/v1/namespaces/default/services/frontend")
        .at("/spec/clusterIP").asText()).matches("10\\.\\d+\\.\\d+\\.\\d+");
    assertThat(k.api.object("/api/v1/namespaces/default/secrets/db-secret")
        .at("/data/DB_Password").asText()).isEqualTo("cGFzc3dvcmQxMjM=");
    assertThat(k.ok("apply", "-f", "frontend.yaml")).isEqualTo("""
        deployment.apps/frontend unchanged
        service/frontend unchanged
        daemonset.apps/node-exporter unchanged
        configmap/app-config unchanged
        secret/db-secret unchanged
        """);

    assertThat(k.ok("delete", "-f", "frontend.yaml")).isEqualTo("""
        deployment.apps "frontend" deleted
        service "frontend" deleted
        daemonset.apps "node-exporter" deleted
        configmap "app-config" deleted
        secret "db-secret" deleted
        """);
    for (String path : new String[] {"/apis/apps/v1/namespaces/default/deployments/frontend",
        "/api/v1/namespaces/default/services/frontend",
        "/apis/apps/v1/namespaces/default/daemonsets/node-exporter",
        "/api/v1/namespaces/default/configmaps/app-config",
        "/api/v1/namespaces/default/secrets/db-secret"}) {
      assertThat(k.api.get(path).code()).as(path).isEqualTo(404);
    }
  }

  /** The three-way merge: what the file dropped goes, what others added stays. */
  @Test
  void applyAfterEditingTheFile() {
    String file = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: shop
          labels:
            app: shop
            tier: web
        spec:
          replicas: 2
          selector:
            matchLabels:
              app: shop
          template:
            metadata:
              labels:
                app: shop
            spec:
              containers:
              - name: shop
                image: nginx:1.25
        """;
    k.file("shop.yaml", file);
    assertThat(k.ok("apply", "-f", "shop.yaml")).isEqualTo("deployment.apps/shop created\n");
    k.ok("annotate", "deployment", "shop", "team=checkout"); // not in the file: apply keeps it

    k.file("shop.yaml", file.replace("nginx:1.25", "nginx:1.27").replace("    tier: web\n", ""));
    assertThat(k.ok("apply", "-f", "shop.yaml")).isEqualTo("deployment.apps/shop configured\n");
    JsonNode d = k.api.object("/apis/apps/v1/namespaces/default/deployments/shop");
    assertThat(d.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:1.27");
    assertThat(d.at("/metadata/labels").has("tier")).isFalse();
    assertThat(d.at("/metadata/annotations/team").asText()).isEqualTo("checkout");
    assertThat(d.at("/metadata/generation").asInt()).isEqualTo(2);
  }

  @Test
  void invalidPod() {
    k.file("invalid.yaml", """
        apiVersion: v1
        kind: Pod
        metadata:
          name: x
        spec:
          containers:
          - name: c
        """);
    String invalid = "The Pod \"x\" is invalid: spec.containers[0].image: Required value";
    assertFails(k.run("create", "-f", "invalid.yaml"), invalid);
    assertFails(k.run("apply", "-f", "invalid.yaml"), invalid);
    assertThat(k.api.get("/api/v1/namespaces/default/pods/x").code()).isEqualTo(404);
  }
}
