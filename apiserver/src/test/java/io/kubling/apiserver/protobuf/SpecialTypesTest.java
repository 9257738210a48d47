package io.kubling.apiserver.protobuf;

import static io.kubling.apiserver.protobuf.KubectlStyle.assertDecodes;
import static io.kubling.apiserver.protobuf.KubectlStyle.bytes;
import static io.kubling.apiserver.protobuf.KubectlStyle.envelope;
import static io.kubling.apiserver.protobuf.KubectlStyle.meta;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1Admissionregistration;
import io.kubernetes.client.proto.V1Certificates;
import io.kubernetes.client.proto.V1Networking;
import org.junit.jupiter.api.Test;

class SpecialTypesTest {
  @Test
  void csrRequestBytesExtraValueSlicesAndManagedFields() {
    V1Certificates.CertificateSigningRequest csr = V1Certificates.CertificateSigningRequest
        .newBuilder()
        .setMetadata(meta("csr1", "").addManagedFields(Meta.ManagedFieldsEntry.newBuilder()
            .setManager("kubectl").setOperation("Update").setApiVersion("certificates.k8s.io/v1")
            .setTime(Meta.Time.newBuilder().setSeconds(1704164645L).setNanos(0))
            .setFieldsType("FieldsV1")
            .setFieldsV1(Meta.FieldsV1.newBuilder().setRaw(bytes("{\"f:spec\":{}}")))))
        .setSpec(V1Certificates.CertificateSigningRequestSpec.newBuilder()
            .setRequest(bytes("-----BEGIN CSR-----")).setSignerName("example.com/signer")
            .setExpirationSeconds(3600).addUsages("client auth").setUsername("")
            .putExtra("groups", V1Certificates.ExtraValue.newBuilder().addItems("a").addItems("b")
                .build())
            .putExtra("none", V1Certificates.ExtraValue.getDefaultInstance()))
        .build();
    assertDecodes(envelope("certificates.k8s.io/v1", "CertificateSigningRequest", csr), """
        {"kind": "CertificateSigningRequest", "apiVersion": "certificates.k8s.io/v1",
         "metadata": {"name": "csr1", "creationTimestamp": null,
           "managedFields": [{"manager": "kubectl", "operation": "Update",
             "apiVersion": "certificates.k8s.io/v1", "time": "2024-01-02T03:04:05Z",
             "fieldsType": "FieldsV1", "fieldsV1": {"f:spec": {}}}]},
         "spec": {"request": "LS0tLS1CRUdJTiBDU1ItLS0tLQ==", "signerName": "example.com/signer",
                  "expirationSeconds": 3600, "usages": ["client auth"],
                  "extra": {"groups": ["a", "b"], "none": null}}}""");
  }

  @Test
  void ingressRuleValueInlineAndBackendPort() {
    V1Networking.Ingress ing = V1Networking.Ingress.newBuilder().setMetadata(meta("i1", "default"))
        .setSpec(V1Networking.IngressSpec.newBuilder().addRules(V1Networking.IngressRule
            .newBuilder()
            .setHost("example.com").setIngressRuleValue(V1Networking.IngressRuleValue.newBuilder()
                .setHttp(V1Networking.HTTPIngressRuleValue.newBuilder().addPaths(
                    V1Networking.HTTPIngressPath.newBuilder().setPath("/").setPathType("Prefix")
                        .setBackend(V1Networking.IngressBackend.newBuilder().setService(
                            V1Networking.IngressServiceBackend.newBuilder().setName("svc1")
                                .setPort(V1Networking.ServiceBackendPort.newBuilder()
                                    .setName("").setNumber(80)))))))))
        .build();
    assertDecodes(envelope("networking.k8s.io/v1", "Ingress", ing), """
        {"kind": "Ingress", "apiVersion": "networking.k8s.io/v1",
         "metadata": {"name": "i1", "namespace": "default", "creationTimestamp": null},
         "spec": {"rules": [{"host": "example.com", "http": {"paths": [{"path": "/",
           "pathType": "Prefix", "backend": {"service": {"name": "svc1",
           "port": {"number": 80}}}}]}}]}}""");
  }

  @Test
  void capitalizedProtobufNamesGetTheirJsonNames() {
    V1Admissionregistration.ValidatingWebhookConfiguration cfg = V1Admissionregistration
        .ValidatingWebhookConfiguration.newBuilder().setMetadata(meta("w", ""))
        .addWebhooks(V1Admissionregistration.ValidatingWebhook.newBuilder().setName("w.example.com")
            .addRules(V1Admissionregistration.RuleWithOperations.newBuilder()
                .addOperations("CREATE")
                .setRule(V1Admissionregistration.Rule.newBuilder().addApiGroups("")
                    .addApiVersions("v1").addResources("pods"))))
        .build();
    byte[] body =
        envelope("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", cfg);
    assertDecodes(body, """
        {"kind": "ValidatingWebhookConfiguration", "apiVersion": "admissionregistration.k8s.io/v1",
         "metadata": {"name": "w", "creationTimestamp": null},
         "webhooks": [{"name": "w.example.com", "rules": [{"operations": ["CREATE"],
           "apiGroups": [""], "apiVersions": ["v1"], "resources": ["pods"]}]}]}""");
  }

  @Test
  void durationIsGoText() {
    Meta.Duration d = Meta.Duration.newBuilder().setDuration(90_000_000_000L).build();
    assertThat(SpecialTypes.of(d).apply(d, "d")).isEqualTo(TextNode.valueOf("1m30s"));
  }
}
