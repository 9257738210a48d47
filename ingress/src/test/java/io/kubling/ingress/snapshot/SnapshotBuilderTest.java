package io.kubling.ingress.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.kubling.ingress.route.Backend;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The snapshot as a pure function of the informers' objects. */
class SnapshotBuilderTest {
  static final String CONTROLLER = "kubling.io/ingress-controller";

  static Service service(String name, String portName, int port) {
    return new ServiceBuilder().withNewMetadata().withName(name).withNamespace("shop")
        .endMetadata().withNewSpec().addNewPort().withName(portName).withPort(port)
        .withTargetPort(new IntOrString(8080)).endPort().endSpec().build();
  }

  static EndpointSlice slice(String name, String service, String portName, int port,
      String ip, Boolean ready) {
    return new EndpointSliceBuilder().withNewMetadata().withName(name).withNamespace("shop")
        .withLabels(Map.of("kubernetes.io/service-name", service)).endMetadata()
        .withAddressType("IPv4").addNewPort().withName(portName).withPort(port).endPort()
        .addNewEndpoint().withAddresses(ip).withNewConditions().withReady(ready).endConditions()
        .endEndpoint().build();
  }

  static Ingress ingress(String name, String created, String className, String host,
      String service, Integer number, String portName) {
    return new IngressBuilder().withNewMetadata().withName(name).withNamespace("shop")
        .withCreationTimestamp(created).endMetadata().withNewSpec()
        .withIngressClassName(className).addNewRule().withHost(host).withNewHttp().addNewPath()
        .withPath("/").withPathType("Prefix").withNewBackend().withNewService()
        .withName(service).withNewPort().withNumber(number).withName(portName).endPort()
        .endService().endBackend().endPath().endHttp().endRule().endSpec().build();
  }

  @Test
  void readyEndpointsOfTheNamedOrNumberedServicePortFromEverySlice() {
    List<Service> services = List.of(service("api", "http", 80));
    List<EndpointSlice> slices = List.of(
        slice("api-a", "api", "http", 8080, "10.244.1.5", true),
        slice("api-b", "api", "http", 9090, "10.244.2.7", null), // unset counts as ready
        slice("api-c", "api", "http", 8080, "10.244.3.9", false),
        slice("api-d", "api", "metrics", 9100, "10.244.1.5", true),
        slice("other", "web", "http", 8080, "10.244.9.9", true));
    IngressSnapshot byNumber = SnapshotBuilder.build(List.of(ingress("i", "2026-01-01T00:00:00Z",
        "kubling", "a.example", "api", 80, null)), services, slices, List.of());
    assertThat(byNumber.endpointsOf(new Backend("shop", "api", 80, ""))).containsExactly(
        new Endpoint("10.244.1.5", 8080), new Endpoint("10.244.2.7", 9090));
    IngressSnapshot byName = SnapshotBuilder.build(List.of(ingress("i", "2026-01-01T00:00:00Z",
        "kubling", "a.example", "api", null, "http")), services, slices, List.of());
    assertThat(byName.routes().match("a.example", "/x")).contains(
        new Backend("shop", "api", 0, "http"));
    assertThat(byName.endpointsOf(new Backend("shop", "api", 0, "http"))).hasSize(2);
    // A port the service does not have: no endpoints (503), not another port's.
    IngressSnapshot wrongPort = SnapshotBuilder.build(List.of(ingress("i",
        "2026-01-01T00:00:00Z", "kubling", "a.example", "api", 81, null)), services, slices,
        List.of());
    assertThat(wrongPort.endpointsOf(new Backend("shop", "api", 81, ""))).isEmpty();
  }

  @Test
  void theOlderIngressWinsTheSamePathAndTlsComesFromItsNamespaceSecret() {
    Ingress older = ingress("old", "2026-01-01T00:00:00Z", "kubling", "a.example", "api", 80,
        null);
    Ingress newer = ingress("new", "2026-02-01T00:00:00Z", "kubling", "a.example", "web", 80,
        null);
    newer.getSpec().setTls(List.of(new io.fabric8.kubernetes.api.model.networking.v1
        .IngressTLSBuilder().withHosts("a.example").withSecretName("a-tls").build()));
    Secret secret = new SecretBuilder().withNewMetadata().withName("a-tls").withNamespace("shop")
        .endMetadata().withType("kubernetes.io/tls").withData(Map.of(
            "tls.crt", b64("CERT"), "tls.key", b64("KEY"))).build();
    IngressSnapshot s = SnapshotBuilder.build(List.of(newer, older), List.of(), List.of(),
        List.of(secret));
    assertThat(s.routes().match("a.example", "/")).contains(new Backend("shop", "api", 80, ""));
    assertThat(s.certificates()).containsExactly(
        new TlsCertificate("shop/a-tls", List.of("a.example"), "CERT", "KEY"));
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void classFilterByNameAnnotationOrDefault() {
    IngressClass kubling = new IngressClassBuilder().withNewMetadata().withName("kubling")
        .withAnnotations(Map.of(IngressClassFilter.DEFAULT_CLASS_ANNOTATION, "true"))
        .endMetadata().withNewSpec().withController(CONTROLLER).endSpec().build();
    IngressClass nginx = new IngressClassBuilder().withNewMetadata().withName("nginx")
        .endMetadata().withNewSpec().withController("k8s.io/ingress-nginx").endSpec().build();
    List<IngressClass> classes = List.of(kubling, nginx);
    Ingress named = ingress("a", "2026-01-01T00:00:00Z", "kubling", "a", "s", 80, null);
    Ingress other = ingress("b", "2026-01-01T00:00:00Z", "nginx", "a", "s", 80, null);
    Ingress none = ingress("c", "2026-01-01T00:00:00Z", null, "a", "s", 80, null);
    Ingress legacy = ingress("d", "2026-01-01T00:00:00Z", null, "a", "s", 80, null);
    legacy.getMetadata().setAnnotations(Map.of("kubernetes.io/ingress.class", "nginx"));
    assertThat(IngressClassFilter.ours(named, classes, CONTROLLER)).isTrue();
    assertThat(IngressClassFilter.ours(other, classes, CONTROLLER)).isFalse();
    assertThat(IngressClassFilter.ours(none, classes, CONTROLLER)).isTrue();
    assertThat(IngressClassFilter.ours(legacy, classes, CONTROLLER)).isFalse();
    // Without the default annotation, a class-less Ingress belongs to nobody.
    kubling.getMetadata().setAnnotations(Map.of());
    assertThat(IngressClassFilter.ours(none, classes, CONTROLLER)).isFalse();
  }
}
