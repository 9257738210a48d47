package io.kubling.apiserver.table;

import static io.kubling.apiserver.table.Fixtures.NOW;
import static io.kubling.apiserver.table.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubling.apiserver.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TablesTest {
  private static final String CM = "{'kind':'ConfigMap','apiVersion':'v1','metadata':{"
      + "'name':'cfg','namespace':'default','uid':'u1','resourceVersion':'42',"
      + "'creationTimestamp':'2025-06-01T11:55:00Z','labels':{'app':'web'}},'data':{'k':'v'}}";
  private static final String CM_COLUMNS = "'columnDefinitions':["
      + "{'name':'Name','type':'string','format':'name','description':'NAME','priority':0},"
      + "{'name':'Data','type':'string','format':'','description':'DATA','priority':0},"
      + "{'name':'Age','type':'string','format':'','description':'AGE','priority':0}]";

  /** The table as a client reads it back (numbers typed by their text, not by Java type). */
  private static ObjectNode wire(ObjectNode table) {
    return Json.parseObject(Json.bytes(table));
  }

  /** Single-quoted JSON with the ConfigMap column descriptions put in for NAME, DATA, AGE. */
  private static ObjectNode expected(String singleQuoted) {
    ObjectNode n = json(singleQuoted);
    JsonNode defs = n.get("columnDefinitions");
    if (defs != null) {
      List<String> docs = List.of(Column.NAME_DOC,
          ConfigMapConvertor.INSTANCE.columns().get(1).description(), Column.CREATION_DOC);
      for (int i = 0; i < 3; i++) {
        ((ObjectNode) defs.get(i)).put("description", docs.get(i));
      }
    }
    return n;
  }

  @Test
  void aListIsAMetaV1TableWithPartialObjectMetadataRows() {
    ObjectNode table = Tables.list(ConfigMapConvertor.INSTANCE, List.of(json(CM)), "57",
        "next-page", 3L, IncludeObject.METADATA, NOW);
    assertThat(wire(table)).isEqualTo(expected("{'kind':'Table','apiVersion':'meta.k8s.io/v1',"
        + "'metadata':{'resourceVersion':'57','continue':'next-page','remainingItemCount':3},"
        + CM_COLUMNS + ",'rows':[{'cells':['cfg',1,'5m'],'object':{'kind':'PartialObjectMetadata',"
        + "'apiVersion':'meta.k8s.io/v1','metadata':{'name':'cfg','namespace':'default',"
        + "'uid':'u1','resourceVersion':'42','creationTimestamp':'2025-06-01T11:55:00Z',"
        + "'labels':{'app':'web'}}}}]}"));
    // Field order matters to nobody, but keeps the body readable as kube-apiserver's.
    assertThat(Json.string(table)).startsWith(
        "{\"kind\":\"Table\",\"apiVersion\":\"meta.k8s.io/v1\",\"metadata\":");
  }

  @Test
  void anEmptyLastPageHasNoContinueAndEmptyRows() {
    ObjectNode table = Tables.list(ConfigMapConvertor.INSTANCE, List.of(), "57", "", null,
        IncludeObject.METADATA, NOW);
    assertThat(wire(table)).isEqualTo(expected("{'kind':'Table','apiVersion':'meta.k8s.io/v1',"
        + "'metadata':{'resourceVersion':'57'}," + CM_COLUMNS + ",'rows':[]}"));
  }

  static Stream<Arguments> includeObject() {
    return Stream.of(
        Arguments.of(IncludeObject.NONE, null),
        Arguments.of(IncludeObject.OBJECT, CM),
        Arguments.of(IncludeObject.METADATA, "{'kind':'PartialObjectMetadata',"
            + "'apiVersion':'meta.k8s.io/v1','metadata':{'name':'cfg','namespace':'default',"
            + "'uid':'u1','resourceVersion':'42','creationTimestamp':'2025-06-01T11:55:00Z',"
            + "'labels':{'app':'web'}}}"));
  }

  @ParameterizedTest
  @MethodSource("includeObject")
  void rowsCarryWhatIncludeObjectAsks(IncludeObject include, String expected) {
    ObjectNode obj = json(CM);
    ObjectNode row = Tables.row(ConfigMapConvertor.INSTANCE, obj, include, NOW);
    if (expected == null) {
      assertThat(row.has("object")).isFalse();
    } else {
      assertThat(row.get("object")).isEqualTo(json(expected));
      // The row owns a copy: changing it leaves the (maybe cached) object alone.
      ((ObjectNode) row.get("object").get("metadata")).put("name", "changed");
      assertThat(obj).isEqualTo(json(CM));
    }
  }

  @Test
  void aGetIsATableOfOneRowAtTheObjectsVersion() {
    ObjectNode table = Tables.single(ConfigMapConvertor.INSTANCE, json(CM), IncludeObject.NONE,
        NOW);
    assertThat(wire(table)).isEqualTo(expected("{'kind':'Table','apiVersion':'meta.k8s.io/v1',"
        + "'metadata':{'resourceVersion':'42'}," + CM_COLUMNS
        + ",'rows':[{'cells':['cfg',1,'5m']}]}"));
  }

  @Test
  void watchEventsAfterTheFirstLeaveColumnsOut() {
    ObjectNode first = Tables.watchEvent(ConfigMapConvertor.INSTANCE, json(CM),
        IncludeObject.METADATA, true, NOW);
    ObjectNode later = Tables.watchEvent(ConfigMapConvertor.INSTANCE, json(CM),
        IncludeObject.METADATA, false, NOW);
    assertThat(first.get("columnDefinitions")).hasSize(3);
    assertThat(later.has("columnDefinitions")).isFalse();
    assertThat(later.get("metadata")).isEqualTo(json("{'resourceVersion':'42'}"));
    assertThat(later.get("rows")).isEqualTo(first.get("rows"));
  }

  @Test
  void explicitColumnsAndEveryCellType() {
    TableConvertor c = new TableConvertor() {
      @Override
      public List<Column> columns() {
        return List.of(Column.NAME, Column.integer("N", "n"), Column.string("S", "s"),
            Column.string("B", "b"));
      }

      @Override
      public List<Object> cells(ObjectNode obj, Instant now) {
        return java.util.Arrays.asList("a", 7, null, true);
      }
    };
    ObjectNode table = Tables.table(null, List.of(json("{}")), c, null, null, null,
        IncludeObject.NONE, NOW);
    assertThat(wire(table)).isEqualTo(expected("{'kind':'Table','apiVersion':'meta.k8s.io/v1',"
        + "'metadata':{},'rows':[{'cells':['a',7,null,true]}]}"));
  }

  @Test
  void aConvertorWithTooFewCellsIsABug() {
    TableConvertor broken = new TableConvertor() {
      @Override
      public List<Column> columns() {
        return List.of(Column.NAME, Column.AGE);
      }

      @Override
      public List<Object> cells(ObjectNode obj, Instant now) {
        return List.of("x");
      }
    };
    assertThatThrownBy(() -> Tables.single(broken, json("{}"), IncludeObject.NONE, NOW))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("1 cells for 2 columns");
  }
}
