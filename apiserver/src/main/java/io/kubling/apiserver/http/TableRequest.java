package io.kubling.apiserver.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.cache.CachedObject;
import io.kubling.apiserver.cache.WatchEvent;
import io.kubling.apiserver.errors.ApiException;
import io.kubling.apiserver.json.Json;
import io.kubling.apiserver.registry.ListPage;
import io.kubling.apiserver.registry.ResourceType;
import io.kubling.apiserver.table.IncludeObject;
import io.kubling.apiserver.table.MediaTypes;
import io.kubling.apiserver.table.TableConvertor;
import io.kubling.apiserver.table.TableConvertors;
import io.kubling.apiserver.table.Tables;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;

/**
 * A read that asked for meta.k8s.io/v1 Tables (kubectl's human-readable get), with what it
 * takes to render lists, single objects and watch events as Tables.
 */
final class TableRequest {
  private final TableConvertor convertor;
  private final IncludeObject include;
  private boolean columnsSent;

  private TableRequest(TableConvertor convertor, IncludeObject include) {
    this.convertor = convertor;
    this.include = include;
  }

  /** The Table request of ctx, or null when it wants plain objects; 406 when nothing fits. */
  static TableRequest of(RoutingContext ctx, ResourceType type) {
    var negotiated = MediaTypes.negotiate(ctx.request().getHeader("Accept"));
    if (negotiated.isEmpty()) {
      throw ApiException.notAcceptable(MediaTypes.NOT_ACCEPTABLE_MESSAGE);
    }
    if (!negotiated.get().table()) {
      return null;
    }
    IncludeObject include;
    try {
      include = IncludeObject.parse(ctx.queryParams().get("includeObject"));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    return new TableRequest(TableConvertors.forType(type), include);
  }

  byte[] list(ListPage page) {
    List<ObjectNode> objects = page.items().stream().map(CachedObject::object).toList();
    return Json.bytes(Tables.list(convertor, objects, Long.toString(page.revision()),
        page.continueToken(), page.remaining(), include, Instant.now()));
  }

  byte[] single(CachedObject o) {
    return Json.bytes(Tables.single(convertor, o.object(), include, Instant.now()));
  }

  /** A watch line whose object is a one-row Table; columns only in the first. */
  synchronized byte[] watchLine(WatchEvent.Type type, CachedObject o) {
    ObjectNode table = Tables.watchEvent(convertor, o.object(), include, !columnsSent,
        Instant.now());
    columnsSent = true;
    return WatchEvent.line(type, Json.bytes(table));
  }
}
