package io.kubling.apiserver.storage.encryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EncryptionConfigurationTest {
  static final String KEY1 = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="; // 32 bytes
  static final String KEY2 = "ZmVkY2JhOTg3NjU0MzIxMGZlZGNiYTk4NzY1NDMyMTA="; // 32 bytes
  static final String SECRET_KEY = "/registry/secrets/default/db-secret";
  static final byte[] PLAIN = "{\"kind\":\"Secret\",\"data\":{\"password\":\"czNjcjN0\"}}"
      .getBytes(StandardCharsets.UTF_8);

  static String config(String providers) {
    return """
        apiVersion: apiserver.config.k8s.io/v1
        kind: EncryptionConfiguration
        resources:
          - resources: [secrets]
            providers:
        """ + providers.indent(6);
  }

  static String keys(String type, String... nameSecret) {
    StringBuilder b = new StringBuilder("- " + type + ":\n    keys:\n");
    for (int i = 0; i < nameSecret.length; i += 2) {
      b.append("      - name: ").append(nameSecret[i]).append("\n        secret: ")
          .append(nameSecret[i + 1]).append('\n');
    }
    return b.toString();
  }

  static ResourceTransformers parse(String yaml) throws Exception {
    return parse(yaml, new SecureRandom());
  }

  static ResourceTransformers parse(String yaml, SecureRandom random) throws Exception {
    return EncryptionConfiguration.parse(new ObjectMapper(new YAMLFactory()).readTree(yaml),
        random);
  }

  static String text(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }

  @ParameterizedTest
  @CsvSource({"aesgcm", "aescbc"})
  void roundTripsWithTheProviderPrefixAndNoPlaintext(String type) throws Exception {
    ResourceTransformers t = parse(config(keys(type, "key1", KEY1)));
    byte[] stored = t.toStorage(SECRET_KEY, PLAIN);
    assertThat(text(stored)).startsWith("k8s:enc:" + type + ":v1:key1:")
        .doesNotContain("czNjcjN0").doesNotContain("Secret");
    assertThat(t.fromStorage(SECRET_KEY, stored).plain()).isEqualTo(PLAIN);
    assertThat(t.fromStorage(SECRET_KEY, stored).stale()).isFalse();
    // A fresh nonce / IV each time: the same object never stores the same bytes twice.
    assertThat(t.toStorage(SECRET_KEY, PLAIN)).isNotEqualTo(stored);
  }

  @Test
  void resourcesNotNamedStayPlaintext() throws Exception {
    ResourceTransformers t = parse(config(keys("aesgcm", "key1", KEY1)));
    byte[] cm = "{\"kind\":\"ConfigMap\"}".getBytes(StandardCharsets.UTF_8);
    assertThat(t.toStorage("/registry/configmaps/default/c", cm)).isEqualTo(cm);
    assertThat(t.covers("/registry/configmaps/default/c")).isFalse();
    assertThat(t.covers(SECRET_KEY)).isTrue();
  }

  @Test
  void rotationReadsWithEveryListedKeyAndMarksOlderOnesStale() throws Exception {
    byte[] old = parse(config(keys("aesgcm", "key1", KEY1))).toStorage(SECRET_KEY, PLAIN);
    ResourceTransformers rotated = parse(config(keys("aesgcm", "key2", KEY2, "key1", KEY1)));
    ValueTransformer.Read read = rotated.fromStorage(SECRET_KEY, old);
    assertThat(read.plain()).isEqualTo(PLAIN);
    assertThat(read.stale()).isTrue();
    byte[] fresh = rotated.toStorage(SECRET_KEY, PLAIN);
    assertThat(text(fresh)).startsWith("k8s:enc:aesgcm:v1:key2:");
    assertThat(rotated.fromStorage(SECRET_KEY, fresh).stale()).isFalse();
  }

  @Test
  void identityFirstWritesPlaintextAndStillReadsEncryptedValues() throws Exception {
    byte[] enc = parse(config(keys("aesgcm", "key1", KEY1))).toStorage(SECRET_KEY, PLAIN);
    ResourceTransformers t = parse(config("- identity: {}\n" + keys("aesgcm", "key1", KEY1)));
    assertThat(t.toStorage(SECRET_KEY, PLAIN)).isEqualTo(PLAIN);
    assertThat(t.fromStorage(SECRET_KEY, enc).plain()).isEqualTo(PLAIN);
    assertThat(t.fromStorage(SECRET_KEY, enc).stale()).isTrue();
    assertThat(t.fromStorage(SECRET_KEY, PLAIN).stale()).isFalse();
  }

  @Test
  void aKeyNoLongerListedIsAClearError() throws Exception {
    byte[] enc = parse(config(keys("aesgcm", "key1", KEY1))).toStorage(SECRET_KEY, PLAIN);
    ResourceTransformers onlyKey2 = parse(config(keys("aesgcm", "key2", KEY2)));
    assertThatThrownBy(() -> onlyKey2.fromStorage(SECRET_KEY, enc))
        .isInstanceOf(TransformException.class)
        .hasMessage("no matching prefix found (written by aesgcm key key1)");
    // Plaintext left from before encryption is readable only while identity is listed.
    assertThatThrownBy(() -> onlyKey2.fromStorage(SECRET_KEY, PLAIN))
        .isInstanceOf(TransformException.class).hasMessageContaining("identity is not listed");
  }

  @Test
  void aWrongSecretUnderTheSameNameFailsAuthentication() throws Exception {
    byte[] enc = parse(config(keys("aesgcm", "key1", KEY1))).toStorage(SECRET_KEY, PLAIN);
    ResourceTransformers wrong = parse(config(keys("aesgcm", "key1", KEY2)));
    assertThatThrownBy(() -> wrong.fromStorage(SECRET_KEY, enc))
        .isInstanceOf(TransformException.class)
        .hasMessage("cipher: message authentication failed");
  }

  @Test
  void aesCbcWithAWrongSecretFailsItsPaddingCheck() throws Exception {
    // A seeded generator fixes the IV, so whether the wrong key's padding happens to look
    // valid (1 in 256 for a random IV) is decided once here, not per run.
    SecureRandom seeded = SecureRandom.getInstance("SHA1PRNG");
    seeded.setSeed(42);
    byte[] enc = parse(config(keys("aescbc", "key1", KEY1)), seeded).toStorage(SECRET_KEY, PLAIN);
    ResourceTransformers wrong = parse(config(keys("aescbc", "key1", KEY2)));
    assertThatThrownBy(() -> wrong.fromStorage(SECRET_KEY, enc))
        .isInstanceOf(TransformException.class).hasMessageContaining("PKCS7");
  }

  @Test
  void tamperedOrMovedCiphertextIsRefused() throws Exception {
    ResourceTransformers t = parse(config(keys("aesgcm", "key1", KEY1)));
    byte[] enc = t.toStorage(SECRET_KEY, PLAIN);
    byte[] flipped = Arrays.copyOf(enc, enc.length);
    flipped[flipped.length - 20] ^= 1;
    assertThatThrownBy(() -> t.fromStorage(SECRET_KEY, flipped))
        .isInstanceOf(TransformException.class).hasMessageContaining("authentication failed");
    // The etcd key is authenticated data: a value copied under another name does not read.
    assertThatThrownBy(() -> t.fromStorage("/registry/secrets/default/other", enc))
        .isInstanceOf(TransformException.class).hasMessageContaining("authentication failed");
    byte[] truncated = Arrays.copyOf(enc, "k8s:enc:aesgcm:v1:key1:".length() + 5);
    assertThatThrownBy(() -> t.fromStorage(SECRET_KEY, truncated))
        .isInstanceOf(TransformException.class).hasMessageContaining("shorter");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "kind: Foo|apiVersion/kind must be apiserver.config.k8s.io/v1/EncryptionConfiguration",
      "providers: []|resources[0].providers: Required value",
      "badsecret|resources[0].providers[0].aesgcm.keys[0].secret: Invalid value: secrets must"
          + " be base64 encoded",
      "shortkey|aesgcm keys must be 16, 24 or 32 bytes, got 5",
      "kms|resources[0].providers[0]: Unsupported value: \"kms\": provider not supported",
      "wildcard|resources[0].resources[0]: Unsupported value: \"*.*\"",
      "duplicate|resources[0].resources[1]: Duplicate value: \"secrets\"",
      "colon|keys[0].name: Invalid value: \"a:b\""})
  void badConfigurationsAreRefusedWithTheFieldNamed(String which, String message) {
    String yaml = switch (which) {
      case "kind: Foo" -> config(keys("aesgcm", "key1", KEY1)).replace(
          "kind: EncryptionConfiguration", "kind: Foo");
      case "providers: []" -> """
          apiVersion: apiserver.config.k8s.io/v1
          kind: EncryptionConfiguration
          resources:
            - resources: [secrets]
              providers: []
          """;
      case "badsecret" -> config(keys("aesgcm", "key1", "not*base64"));
      case "shortkey" -> config(keys("aesgcm", "key1", "c2hvcnQ="));
      case "kms" -> config("- kms:\n    name: vault\n");
      case "wildcard" -> config(keys("aesgcm", "key1", KEY1)).replace("[secrets]", "['*.*']");
      case "duplicate" -> config(keys("aesgcm", "key1", KEY1))
          .replace("[secrets]", "[secrets, secrets]");
      case "colon" -> config(keys("aesgcm", "a:b", KEY1));
      default -> throw new IllegalArgumentException(which);
    };
    assertThatThrownBy(() -> parse(yaml)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }

  @Test
  void loadNamesTheFileInItsMessages(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("enc.yaml");
    Files.writeString(file, "kind: Nope\n");
    assertThatThrownBy(() -> EncryptionConfiguration.load(file))
        .hasMessageStartingWith("invalid encryption provider configuration " + file + ": ");
    assertThatThrownBy(() -> EncryptionConfiguration.load(dir.resolve("missing.yaml")))
        .hasMessageStartingWith("error reading encryption provider configuration");
    Files.writeString(file, config(keys("aesgcm", "key1", KEY1)));
    assertThat(EncryptionConfiguration.load(file).covers(SECRET_KEY)).isTrue();
  }
}
