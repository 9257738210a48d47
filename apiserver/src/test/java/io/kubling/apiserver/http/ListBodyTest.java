package io.kubling.apiserver.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubling.apiserver.cache.CachedObject;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.registry.ListPage;
import io.kubling.apiserver.registry.Registry;
import io.kubling.apiserver.registry.ResourceType;
import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A list body assembled in pieces is one well-formed list, whatever the item sizes. */
class ListBodyTest {
  private static final ResourceType CONFIGMAPS = Registry.builtin().get("", "configmaps");

  static CachedObject configMap(String name, int dataBytes, long rev) {
    String json = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
        + "\",\"namespace\":\"ns\"},\"data\":{\"k\":\"" + "x".repeat(dataBytes) + "\"}}";
    return CachedObject.decode("/registry/configmaps/ns/" + name,
        json.getBytes(StandardCharsets.UTF_8), rev);
  }

  /** The pieces joined and parsed; releases them, as a response would once written. */
  static JsonNode joined(List<ByteBuf> pieces) throws Exception {
    try {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (ByteBuf b : pieces) {
        assertThat(b.isDirect()).isTrue();
        b.getBytes(b.readerIndex(), all, b.readableBytes());
      }
      return Json.MAPPER.readTree(all.toByteArray());
    } finally {
      ListBody.release(pieces);
      assertThat(pieces).allSatisfy(b -> assertThat(b.refCnt()).isZero());
    }
  }

  @Test
  void emptyListIsOnePiece() throws Exception {
    List<ByteBuf> pieces = ListBody.pieces(CONFIGMAPS, new ListPage(List.of(), 7, null, null));
    assertThat(pieces).hasSize(1);
    JsonNode list = joined(pieces);
    assertThat(list.path("kind").asText()).isEqualTo("ConfigMapList");
    assertThat(list.path("metadata").path("resourceVersion").asText()).isEqualTo("7");
    assertThat(list.path("items").isArray()).isTrue();
    assertThat(list.path("items")).isEmpty();
  }

  @Test
  void manyItemsAcrossPiecesKeepOrderAndBounds() throws Exception {
    List<CachedObject> items = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      // Sizes vary so that piece boundaries fall at different places in the items.
      items.add(configMap(String.format("cm-%04d", i), 500 + (i * 37) % 3000, 10 + i));
    }
    List<ByteBuf> pieces = ListBody.pieces(CONFIGMAPS,
        new ListPage(items, 500, "token", 12L));
    assertThat(pieces.size()).isGreaterThan(3);
    assertThat(pieces).allSatisfy(p -> assertThat(p.readableBytes())
        .isLessThanOrEqualTo(ListBody.CHUNK));
    JsonNode list = joined(pieces);
    assertThat(list.path("metadata").path("continue").asText()).isEqualTo("token");
    assertThat(list.path("metadata").path("remainingItemCount").asLong()).isEqualTo(12);
    assertThat(list.path("items")).hasSize(400);
    for (int i = 0; i < 400; i++) {
      JsonNode item = list.path("items").get(i);
      assertThat(item.path("metadata").path("name").asText())
          .isEqualTo(String.format("cm-%04d", i));
      assertThat(item.path("metadata").path("resourceVersion").asText())
          .isEqualTo(Long.toString(10 + i));
      assertThat(item.path("data").path("k").asText()).hasSize(500 + (i * 37) % 3000);
    }
  }

  @Test
  void itemLargerThanAPieceGetsAPieceOfItsOwn() throws Exception {
    List<CachedObject> items = List.of(configMap("small", 10, 2),
        configMap("big", ListBody.CHUNK + 1000, 3), configMap("after", 10, 4));
    List<ByteBuf> pieces = ListBody.pieces(CONFIGMAPS, new ListPage(items, 4, null, null));
    JsonNode list = joined(pieces);
    assertThat(list.path("items")).hasSize(3);
    assertThat(list.path("items").get(1).path("data").path("k").asText())
        .hasSize(ListBody.CHUNK + 1000);
    assertThat(list.path("items").get(2).path("metadata").path("name").asText())
        .isEqualTo("after");
  }
}
