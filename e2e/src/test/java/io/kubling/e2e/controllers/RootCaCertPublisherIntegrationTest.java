package io.kubling.e2e.controllers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.kubling.component.controller.Controller;
import io.kubling.controllers.ControllerManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** root-ca-cert-publisher keeps kube-root-ca.crt in every namespace, given --root-ca-file. */
class RootCaCertPublisherIntegrationTest {
  static final String CA = "-----BEGIN CERTIFICATE-----\ncluster-ca\n-----END CERTIFICATE-----\n";
  @TempDir
  static Path dir;
  static ControlPlane cluster;
  static ControllerManager manager;

  @BeforeAll
  static void start() throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.crt"), CA);
    cluster = new ControlPlane();
    manager = cluster.startManager("publisher", o -> o.withRootCaFile(ca.toString()));
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  static ConfigMap rootCa(String namespace) {
    return cluster.client.configMaps().inNamespace(namespace).withName("kube-root-ca.crt").get();
  }

  @Test
  void everyNamespaceGetsTheCaAndKeepsItAsPublished() {
    await().ignoreExceptions().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
        assertThat(rootCa("default").getData()).isEqualTo(Map.of("ca.crt", CA)));
    cluster.client.namespaces().resource(new NamespaceBuilder().withNewMetadata()
        .withName("team").endMetadata().build()).create();
    await().ignoreExceptions().atMost(Duration.ofSeconds(90)).until(() -> rootCa("team") != null);

    // Edited: set back. Deleted: published again.
    ConfigMap edited = rootCa("team");
    edited.setData(Map.of("ca.crt", "tampered"));
    cluster.client.configMaps().inNamespace("team").resource(edited).update();
    await().ignoreExceptions().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
        assertThat(rootCa("team").getData()).isEqualTo(Map.of("ca.crt", CA)));
    cluster.client.configMaps().inNamespace("team").withName("kube-root-ca.crt").delete();
    await().ignoreExceptions().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
        assertThat(rootCa("team")).isNotNull());
  }

  @Test
  void withoutARootCaFileThePublisherDoesNotRun() {
    await().ignoreExceptions().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
        assertThat(manager.controllers()).extracting(Controller::name)
            .contains("root-ca-cert-publisher"));
    // Asked for by name but given no CA (the secure cluster's own is taken away): it is not
    // built; the controller before it still is.
    ControllerManager plain = cluster.startManager("plain",
        o -> o.withRootCaFile("")
            .withControllers(List.of("serviceaccount", "root-ca-cert-publisher")));
    await().ignoreExceptions().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
        assertThat(plain.controllers()).extracting(Controller::name)
            .containsExactly("serviceaccount"));
  }
}
