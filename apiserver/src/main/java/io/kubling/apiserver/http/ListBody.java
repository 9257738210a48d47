package io.kubling.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.cache.CachedObject;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.registry.ListPage;
import io.kubling.apiserver.registry.ResourceType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A LIST answer, {"kind":"PodList",...,"items":[...]}, assembled from the objects' JSON as
 * cached (never re-serialized) into pooled direct buffers of at most {@link #CHUNK} bytes.
 *
 * <p>Why pieces: one 2 MB array per request for a 5,000-pod list is a humongous allocation
 * for G1 (over half a region), and each one brought on a collection that stalled every
 * request in flight. A composite of the cached arrays is no better: Netty flattens a
 * many-part composite into one heap array. Why direct and pooled: Netty copies a heap buffer
 * into pooled direct memory before the socket write anyway, so heap pieces cost a second copy
 * of the whole body and as much young garbage per LIST (7.5 MB for 5,000 pods) — garbage that
 * brings on the very collections whose pauses set a LIST's p99. The caller owns the pieces and
 * must release each ({@link Responses#json(io.vertx.ext.web.RoutingContext, int, List)}
 * releases them once written).
 */
final class ListBody {
  static final int CHUNK = 128 * 1024;
  private static final byte[] ITEMS_OPEN = ",\"items\":[".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ITEMS_CLOSE = "]}".getBytes(StandardCharsets.US_ASCII);

  private ListBody() {}

  /** The body in order, in buffers of at most {@link #CHUNK} bytes except a larger item. */
  static List<ByteBuf> pieces(ResourceType type, ListPage page) {
    byte[] head = head(type, page);
    List<CachedObject> items = page.items();
    long left = head.length - 1 + ITEMS_OPEN.length + ITEMS_CLOSE.length;
    for (CachedObject o : items) {
      left += o.json().length + 1;
    }
    List<ByteBuf> out = new ArrayList<>();
    ByteBuf b = ALLOCATOR.directBuffer((int) Math.min(left, CHUNK));
    try {
      // The head without its closing brace, then the items array.
      b.writeBytes(head, 0, head.length - 1).writeBytes(ITEMS_OPEN);
      for (int i = 0; i < items.size(); i++) {
        byte[] json = items.get(i).json();
        if (b.readableBytes() + json.length + 1 > CHUNK) {
          left -= b.readableBytes();
          out.add(b);
          b = null; // owned by out now: a failed allocation below must not release it twice
          b = ALLOCATOR.directBuffer((int) Math.min(left, Math.max(CHUNK, json.length + 1)));
        }
        if (i > 0) {
          b.writeByte(',');
        }
        b.writeBytes(json);
      }
      b.writeBytes(ITEMS_CLOSE);
      out.add(b);
      return out;
    } catch (RuntimeException | Error e) {
      if (b != null && !out.contains(b)) {
        b.release();
      }
      release(out);
      throw e;
    }
  }

  /** Releases pieces that will not be written. */
  static void release(List<ByteBuf> pieces) {
    for (ByteBuf b : pieces) {
      if (b.refCnt() > 0) {
        b.release();
      }
    }
  }

  private static final ByteBufAllocator ALLOCATOR = PooledByteBufAllocator.DEFAULT;

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
