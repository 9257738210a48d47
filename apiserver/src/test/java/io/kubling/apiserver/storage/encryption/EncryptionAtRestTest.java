package io.kubling.apiserver.storage.encryption;

import static io.kubling.apiserver.storage.encryption.EncryptionConfigurationTest.KEY1;
import static io.kubling.apiserver.storage.encryption.EncryptionConfigurationTest.KEY2;
import static io.kubling.apiserver.storage.encryption.EncryptionConfigurationTest.config;
import static io.kubling.apiserver.storage.encryption.EncryptionConfigurationTest.keys;
import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.kubling.apiserver.ApiServerFixture;
import io.kubling.apiserver.Http;
import io.kubling.apiserver.StorageSecurity;
import io.kubling.testkit.Requirements;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets through a real API server and a real etcd: ciphertext at rest, plaintext served. */
class EncryptionAtRestTest {
  private static final String SECRETS = "/api/v1/namespaces/default/secrets";
  private static final String PASSWORD = "czNjcjN0LXBhc3N3b3Jk"; // base64 of s3cr3t-password

  @TempDir
  Path dir;

  private ApiServerFixture start(Path configFile) {
    return new ApiServerFixture(o -> o.withStorageSecurity(
        StorageSecurity.NONE.withEncryptionProviderConfig(configFile)));
  }

  private Path write(String yaml) {
    try {
      return Files.writeString(dir.resolve("encryption.yaml"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String secret(String name) {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"" + name
        + "\"},\"data\":{\"password\":\"" + PASSWORD + "\"}}";
  }

  private static String raw(ApiServerFixture f, String key) throws Exception {
    try (Client c = Client.builder().endpoints(f.etcd.clientEndpoints().toArray(String[]::new))
        .build()) {
      var kvs = c.getKVClient().get(ByteSequence.from(key, StandardCharsets.UTF_8))
          .get(10, TimeUnit.SECONDS).getKvs();
      return kvs.isEmpty() ? null : kvs.get(0).getValue().toString(StandardCharsets.ISO_8859_1);
    }
  }

  private static void assertCiphertext(String stored, String keyName) {
    assertThat(stored).startsWith("k8s:enc:aesgcm:v1:" + keyName + ":")
        .doesNotContain(PASSWORD).doesNotContain("s3cr3t").doesNotContain("\"kind\"");
  }

  @Test
  void secretIsCiphertextInEtcdAndPlaintextThroughGetListAndWatch() throws Exception {
    try (ApiServerFixture f = start(write(config(keys("aesgcm", "key1", KEY1)
        + "- identity: {}\n")))) {
      Http http = new Http(f.url());
      Http.Response created = http.post(SECRETS, secret("db-secret"));
      assertThat(created.code()).isEqualTo(201);
      assertThat(created.body()).contains(PASSWORD);
      String rv = created.body().replaceAll("(?s).*\"resourceVersion\":\"(\\d+)\".*", "$1");

      assertCiphertext(raw(f, "/registry/secrets/default/db-secret"), "key1");
      // The study notes' check, with the real etcdctl.
      Requirements.require(Files.isExecutable(Path.of("/usr/bin/etcdctl")), "etcdctl");
      Process p = new ProcessBuilder("etcdctl", "--endpoints", f.etcd.clientEndpoint(), "get",
          "/registry/secrets/default/db-secret", "--print-value-only")
          .redirectErrorStream(true).start();
      p.getOutputStream().close();
      String etcdctl = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(etcdctl).isZero();
      assertCiphertext(etcdctl, "key1");

      // Resources the configuration does not name stay readable JSON.
      assertThat(http.post("/api/v1/namespaces/default/configmaps",
          "{\"metadata\":{\"name\":\"plain\"},\"data\":{\"a\":\"b\"}}").code()).isEqualTo(201);
      assertThat(raw(f, "/registry/configmaps/default/plain")).startsWith("{");

      assertThat(http.get(SECRETS + "/db-secret").body()).contains(PASSWORD);
      assertThat(http.get(SECRETS + "/db-secret?resourceVersion=0").body()).contains(PASSWORD);
      assertThat(http.get(SECRETS).body()).contains("db-secret").contains(PASSWORD);
      assertThat(http.get(SECRETS + "?resourceVersion=0").body()).contains(PASSWORD);
      long before = Long.parseLong(rv) - 1;
      Http.Response watch = http.get(SECRETS + "?watch=1&timeoutSeconds=1&resourceVersion="
          + before);
      assertThat(watch.body()).contains("\"ADDED\"").contains(PASSWORD);
      // An update goes through the same path: still ciphertext, still served as plaintext.
      Http.Response updated = http.patch(SECRETS + "/db-secret", "application/merge-patch+json",
          "{\"metadata\":{\"labels\":{\"tier\":\"db\"}}}");
      assertThat(updated.code()).isEqualTo(200);
      assertCiphertext(raw(f, "/registry/secrets/default/db-secret"), "key1");
      assertThat(http.get(SECRETS + "/db-secret").body()).contains("\"tier\":\"db\"")
          .contains(PASSWORD);
    }
  }

  @Test
  void rotationReadsOldSecretsWritesWithTheNewKeyAndARewriteRetiresTheOldOne()
      throws Exception {
    Path file = write(config(keys("aesgcm", "key1", KEY1)));
    try (ApiServerFixture f = start(file)) {
      Http http = new Http(f.url());
      assertThat(http.post(SECRETS, secret("old")).code()).isEqualTo(201);
      assertCiphertext(raw(f, "/registry/secrets/default/old"), "key1");

      f.restartServer(() -> write(config(keys("aesgcm", "key2", KEY2, "key1", KEY1))));
      http = new Http(f.url());
      assertThat(http.get(SECRETS + "/old").body()).contains(PASSWORD);
      assertThat(http.post(SECRETS, secret("new")).code()).isEqualTo(201);
      assertCiphertext(raw(f, "/registry/secrets/default/new"), "key2");
      assertCiphertext(raw(f, "/registry/secrets/default/old"), "key1");

      // The storage-version rewrite, as `kubectl get secrets -o json | kubectl replace -f -`:
      // an unchanged PUT of each secret, which rewrites only what an older key wrote.
      for (String name : new String[] {"old", "new"}) {
        String current = http.get(SECRETS + "/" + name).body();
        assertThat(http.put(SECRETS + "/" + name, current).code()).isEqualTo(200);
      }
      assertCiphertext(raw(f, "/registry/secrets/default/old"), "key2");
      assertCiphertext(raw(f, "/registry/secrets/default/new"), "key2");

      f.restartServer(() -> write(config(keys("aesgcm", "key2", KEY2))));
      http = new Http(f.url());
      assertThat(http.get(SECRETS + "/old").body()).contains(PASSWORD);
      assertThat(http.get(SECRETS + "/new").body()).contains(PASSWORD);
      assertThat(http.get(SECRETS).body()).contains("\"old\"").contains("\"new\"");

      // Dropping every key that can read them: a 500 Status naming the key, not a crash;
      // the server stays up and other resources work.
      f.restartServer(() -> write(config(keys("aesgcm", "key1", KEY1))));
      http = new Http(f.url());
      Http.Response lost = http.get(SECRETS + "/old");
      assertThat(lost.code()).isEqualTo(500);
      assertThat(lost.body()).contains("\"kind\":\"Status\"").contains("InternalError")
          .contains("unable to transform key \\\"/registry/secrets/default/old\\\"")
          .doesNotContain(PASSWORD);
      // The watch cache leaves unreadable values out (logged) rather than failing every
      // resource's sync, so a LIST served from it omits them.
      assertThat(http.get(SECRETS).body()).doesNotContain("\"old\"");
      assertThat(http.get("/api/v1/namespaces/default/configmaps").code()).isEqualTo(200);
      assertThat(http.get("/readyz").code()).isEqualTo(200);
    }
  }
}
