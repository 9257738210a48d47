package io.kubling.e2e.kubectl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** kubectl create ingress (a protobuf body), get ing / ingressclass, explain ingress.spec. */
abstract class KubectlIngress extends KubectlSuite {

  KubectlIngress(Client client) {
    super(client);
  }

  @Test
  void createIngressAndGetIt() {
    assertThat(k.ok("create", "ingress", "web", "--rule=shop.example/api*=api:8080",
        "--class=kubling")).isEqualTo("ingress.networking.k8s.io/web created\n");
    JsonNode ing = k.api.object("/apis/networking.k8s.io/v1/namespaces/default/ingresses/web");
    assertThat(ing.at("/spec/ingressClassName").asText()).isEqualTo("kubling");
    JsonNode path = ing.at("/spec/rules/0/http/paths/0");
    assertThat(ing.at("/spec/rules/0/host").asText()).isEqualTo("shop.example");
    assertThat(path.path("path").asText()).isEqualTo("/api");
    assertThat(path.path("pathType").asText()).isEqualTo("Prefix");
    assertThat(path.at("/backend/service/name").asText()).isEqualTo("api");
    assertThat(path.at("/backend/service/port/number").asInt()).isEqualTo(8080);

    Table t = Table.parse(k.ok("get", "ing"));
    assertThat(t.columns()).containsExactly("NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE");
    assertThat(t.row("web")).containsEntry("CLASS", "kubling")
        .containsEntry("HOSTS", "shop.example").containsEntry("ADDRESS", "")
        .containsEntry("PORTS", "80");
  }

  @Test
  void invalidIngressIsRefusedWithKubernetesWording() {
    assertFails(k.run("create", "ingress", "bad", "--rule=shop.example/api=Api:8080"),
        "error: failed to create ingress: Ingress.networking.k8s.io \"bad\" is invalid:"
            + " spec.rules[0].http.paths[0].backend.service.name: Invalid value: \"Api\": a"
            + " DNS-1035 label must consist of lower case alphanumeric characters or '-',"
            + " start with an alphabetic character, and end with an alphanumeric character"
            + " (e.g. 'my-name',  or 'abc-123', regex used for validation is"
            + " '[a-z]([-a-z0-9]*[a-z0-9])?')");
  }

  @Test
  void ingressClassTable() {
    k.okWithInput("""
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata:
          name: kubling
          annotations:
            ingressclass.kubernetes.io/is-default-class: "true"
        spec:
          controller: kubling.io/ingress-controller
        """, "apply", "-f", "-");
    Table t = Table.parse(k.ok("get", "ingressclass"));
    assertThat(t.columns()).containsExactly("NAME", "CONTROLLER", "PARAMETERS", "AGE");
    assertThat(t.row("kubling")).containsEntry("CONTROLLER", "kubling.io/ingress-controller")
        .containsEntry("PARAMETERS", "<none>");
  }

  @Test
  void explainIngressSpec() {
    String out = k.ok("explain", "ingress.spec");
    assertThat(out).contains("GROUP:      networking.k8s.io", "KIND:       Ingress",
        "VERSION:    v1",
        "FIELD: spec <IngressSpec>", "defaultBackend\t<IngressBackend>",
        "ingressClassName\t<string>", "rules\t<[]IngressRule>", "tls\t<[]IngressTLS>");
    assertThat(k.ok("explain", "ingress.spec.rules")).contains("host\t<string>",
        "http\t<HTTPIngressRuleValue>");
  }
}
