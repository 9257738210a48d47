package io.kubling.apiserver.protobuf;

import static io.kubling.apiserver.protobuf.KubectlStyle.assertDecodes;
import static io.kubling.apiserver.protobuf.KubectlStyle.envelope;
import static io.kubling.apiserver.protobuf.KubectlStyle.meta;

import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.V1Policy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeleteAndEvictionTest {
  private static final Meta.DeleteOptions FORCE = Meta.DeleteOptions.newBuilder()
      .setGracePeriodSeconds(0).setPropagationPolicy("Background").build();

  /** A typed client sends DeleteOptions under its own group version; meta/v1 adds it to all. */
  @ParameterizedTest
  @ValueSource(strings = {"v1", "apps/v1", "policy/v1", "meta.k8s.io/v1"})
  void deleteOptionsUnderAnyGroupVersion(String apiVersion) {
    assertDecodes(envelope(apiVersion, "DeleteOptions", FORCE), """
        {"kind": "DeleteOptions", "apiVersion": "%s",
         "gracePeriodSeconds": 0, "propagationPolicy": "Background"}""".formatted(apiVersion));
  }

  @Test
  void deleteOptionsWithPreconditionsAndDryRun() {
    Meta.DeleteOptions opts = Meta.DeleteOptions.newBuilder().setGracePeriodSeconds(1L << 33)
        .setPreconditions(Meta.Preconditions.newBuilder().setUid("u1"))
        .setOrphanDependents(false).addDryRun("All").build();
    assertDecodes(envelope("v1", "DeleteOptions", opts), """
        {"kind": "DeleteOptions", "apiVersion": "v1", "gracePeriodSeconds": 8589934592,
         "preconditions": {"uid": "u1"}, "orphanDependents": false, "dryRun": ["All"]}""");
  }

  @Test
  void evictionWithDeleteOptions() {
    V1Policy.Eviction eviction = V1Policy.Eviction.newBuilder().setMetadata(meta("p", "default"))
        .setDeleteOptions(Meta.DeleteOptions.newBuilder().setGracePeriodSeconds(7)).build();
    assertDecodes(envelope("policy/v1", "Eviction", eviction), """
        {"kind": "Eviction", "apiVersion": "policy/v1",
         "metadata": {"name": "p", "namespace": "default", "creationTimestamp": null},
         "deleteOptions": {"gracePeriodSeconds": 7}}""");
  }
}
