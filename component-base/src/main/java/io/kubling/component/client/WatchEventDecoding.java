package io.kubling.component.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserSequence;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * fabric8's serialization with a cheaper decoding of watch events. fabric8 reads each event's
 * object into a Jackson tree to learn its kind, then converts the tree into the typed object:
 * every event is parsed twice, and the tree is garbage at once. Here the object's fields are
 * read only until apiVersion and kind are both seen (Kubernetes writes them first, and so does
 * kubling's API server), kept in a token buffer, and the typed object is then read straight
 * from that buffer followed by the rest of the stream. Kinds fabric8 has no class for (custom
 * resources) go to fabric8's own deserializer, which makes them GenericKubernetesResources as
 * before.
 *
 * <p>fabric8 also hands each watch frame to {@code unmarshal(String, WatchEvent.class)}, which
 * copies the text into bytes, wraps them in an 8 KiB BufferedInputStream to sniff JSON from YAML
 * and builds a new ObjectReader: more garbage than the decoded pod itself. A frame that is JSON
 * is read here straight from the String by one shared reader instead.
 */
public final class WatchEventDecoding {
  private WatchEventDecoding() {}

  /** A KubernetesSerialization (searching class loaders, as fabric8's default does) that decodes watch events this way. */
  public static KubernetesSerialization serialization() {
    return serialization(null);
  }

  /** As {@link #serialization()}, with {@code extra} (if not null) registered on the mapper too. */
  public static KubernetesSerialization serialization(com.fasterxml.jackson.databind.Module extra) {
    ObjectMapper mapper = new ObjectMapper();
    if (extra != null) {
      mapper.registerModule(extra);
    }
    Serialization serialization = new Serialization(mapper);
    SimpleModule module = new SimpleModule("kubling-watch-events");
    module.addDeserializer(WatchEvent.class, new Decoder(serialization));
    mapper.registerModule(module);
    return serialization;
  }

  /** fabric8's serialization, but a watch frame in JSON is read from its String directly. */
  static final class Serialization extends KubernetesSerialization {
    private final ObjectMapper mapper;
    private volatile ObjectReader watchEvents;

    Serialization(ObjectMapper mapper) {
      super(mapper, true);
      this.mapper = mapper;
    }

    @Override
    public <T> T unmarshal(String str, Class<T> type) {
      if (type != WatchEvent.class || !startsAsJsonObject(str)) {
        return super.unmarshal(str, type);
      }
      ObjectReader r = watchEvents;
      if (r == null) {
        // Made on first use: the mapper's modules are all registered by then.
        r = mapper.readerFor(WatchEvent.class);
        watchEvents = r;
      }
      try {
        return type.cast(r.readValue(str));
      } catch (IOException e) {
        throw KubernetesClientException.launderThrowable(e);
      }
    }

    /** What fabric8 reads as JSON rather than YAML: '{' as the first non-blank character. */
    static boolean startsAsJsonObject(String str) {
      for (int i = 0; i < str.length(); i++) {
        char c = str.charAt(i);
        if (!Character.isWhitespace(c)) {
          return c == '{';
        }
      }
      return false;
    }
  }

  /** Reads {@code {"type":..., "object":{...}}} in one pass. */
  static final class Decoder extends JsonDeserializer<WatchEvent> {
    private final KubernetesSerialization serialization;
    /**
     * The deserializer per "apiVersion#kind" with a class of its own (kinds without one are
     * not kept). Kept here because DeserializationContext.readValue(parser, class) looks the
     * type's annotations up again on every call, which cost more than decoding a small pod.
     */
    private final Map<String, JsonDeserializer<Object>> byKind = new ConcurrentHashMap<>();

    Decoder(KubernetesSerialization serialization) {
      this.serialization = serialization;
    }

    @Override
    public WatchEvent deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonToken t = p.currentToken();
      if (t == JsonToken.START_OBJECT) {
        t = p.nextToken();
      }
      if (t != JsonToken.FIELD_NAME && t != JsonToken.END_OBJECT) {
        return (WatchEvent) ctxt.handleUnexpectedToken(WatchEvent.class, p);
      }
      WatchEvent event = new WatchEvent();
      for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("type".equals(field)) {
          event.setType(value == JsonToken.VALUE_NULL ? null : p.getValueAsString());
        } else if ("object".equals(field)) {
          event.setObject(value == JsonToken.START_OBJECT ? object(p, ctxt)
              : ctxt.readValue(p, KubernetesResource.class));
        } else {
          p.skipChildren();
        }
      }
      return event;
    }

    /** The object at the parser's START_OBJECT, typed by its apiVersion and kind. */
    private KubernetesResource object(JsonParser p, DeserializationContext ctxt)
        throws IOException {
      TokenBuffer head = ctxt.bufferForInputBuffering(p);
      head.writeStartObject();
      String apiVersion = null;
      String kind = null;
      JsonToken t = p.nextToken();
      for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String field = p.currentName();
        head.writeFieldName(field);
        JsonToken value = p.nextToken();
        if (value == JsonToken.VALUE_STRING && "apiVersion".equals(field)) {
          apiVersion = p.getText();
        } else if (value == JsonToken.VALUE_STRING && "kind".equals(field)) {
          kind = p.getText();
        }
        head.copyCurrentStructure(p);
        if (apiVersion != null && kind != null) {
          break;
        }
      }
      JsonParser whole;
      if (t == JsonToken.END_OBJECT) {
        // The whole object is in the buffer (one of apiVersion and kind came last, or never).
        head.writeEndObject();
        whole = head.asParser(p);
      } else {
        // The buffered head, then the rest of the object from the stream itself.
        whole = JsonParserSequence.createFlattened(false, head.asParser(p), p);
      }
      whole.nextToken();
      JsonDeserializer<Object> typed = apiVersion == null || kind == null ? null
          : deserializerFor(apiVersion, kind, ctxt);
      // fabric8's own deserializer for what has no class of its own (custom resources, say).
      return typed != null ? (KubernetesResource) typed.deserialize(whole, ctxt)
          : ctxt.readValue(whole, KubernetesResource.class);
    }

    private JsonDeserializer<Object> deserializerFor(String apiVersion, String kind,
        DeserializationContext ctxt) throws IOException {
      String key = apiVersion + "#" + kind;
      JsonDeserializer<Object> d = byKind.get(key);
      if (d == null) {
        Class<? extends KubernetesResource> c =
            serialization.getRegisteredKubernetesResource(apiVersion, kind);
        if (c == null) {
          return null;
        }
        d = ctxt.findRootValueDeserializer(ctxt.constructType(c));
        byKind.put(key, d);
      }
      return d;
    }
  }
}
