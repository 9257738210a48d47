package io.kubling.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.cache.CachedObject;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.registry.ListPage;
import io.kubling.apiserver.registry.ResourceType;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A LIST answer, {"kind":"PodList",...,"items":[...]}, assembled from the objects' JSON as
 * cached (never re-serialized) into buffers of at most {@link #CHUNK} bytes.
 *
 * <p>Why pieces: one 2 MB array per request for a 5,000-pod list is a humongous allocation
 * for G1 (over half a region), and each one brought on a collection that stalled every
 * request in flight. Pieces of 128 KiB are ordinary young garbage, and Netty copies each
 * into pooled direct memory for the socket, which a single 2 MB buffer was too big for. A
 * composite of the cached arrays is no better: Netty flattens a many-part composite into
 * one heap array before that copy.
 */
final class ListBody {
  static final int CHUNK = 128 * 1024;
  private static final byte[] ITEMS_OPEN = ",\"items\":[".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ITEMS_CLOSE = "]}".getBytes(StandardCharsets.US_ASCII);

  private ListBody() {}

  /** The body in order, in buffers of at most {@link #CHUNK} bytes except a larger item. */
  static List<Buffer> pieces(ResourceType type, ListPage page) {
    byte[] head = head(type, page);
    List<CachedObject> items = page.items();
    long left = head.length - 1 + ITEMS_OPEN.length + ITEMS_CLOSE.length;
    for (CachedObject o : items) {
      left += o.json().length + 1;
    }
    List<Buffer> out = new ArrayList<>();
    Buffer b = Buffer.buffer((int) Math.min(left, CHUNK));
    // The head without its closing brace, then the items array.
    b.appendBytes(head, 0, head.length - 1).appendBytes(ITEMS_OPEN);
    for (int i = 0; i < items.size(); i++) {
      byte[] json = items.get(i).json();
      if (b.length() + json.length + 1 > CHUNK) {
        left -= b.length();
        out.add(b);
        b = Buffer.buffer((int) Math.min(left, Math.max(CHUNK, json.length + 1)));
      }
      if (i > 0) {
        b.appendByte((byte) ',');
      }
      b.appendBytes(json);
    }
    b.appendBytes(ITEMS_CLOSE);
    out.add(b);
    return out;
  }

  private static byte[] head(ResourceType type, ListPage page) {
    ObjectNode head = Json.object();
    head.put("kind", type.listKind());
    head.put("apiVersion", type.apiVersion());
    ObjectNode meta = head.putObject("metadata");
    meta.put("resourceVersion", Long.toString(page.revision()));
    if (page.continueToken() != null) {
      meta.put("continue", page.continueToken());
    }
    if (page.remaining() != null) {
      meta.put("remainingItemCount", page.remaining());
    }
    return Json.bytes(head);
  }
}
