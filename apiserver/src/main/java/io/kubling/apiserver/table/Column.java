package io.kubling.apiserver.table;

import static java.util.Objects.requireNonNull;

/**
 * One column definition of a meta.k8s.io/v1 Table (TableColumnDefinition).
 *
 * @param name the header, e.g. {@code Ready}; kubectl prints it upper-cased
 * @param type {@code string}, {@code integer}, {@code date}, {@code boolean}, ...
 * @param format {@code name} for the column that holds the object's name, otherwise empty
 * @param priority 0 for a column always shown, 1 for one shown only with {@code -o wide}
 */
public record Column(String name, String type, String format, String description, int priority) {
  static final String NAME_DOC = "Name must be unique within a namespace. Is required when"
      + " creating resources, although some resources may allow a client to request the"
      + " generation of an appropriate name automatically. Name is primarily intended for"
      + " creation idempotence and configuration definition. Cannot be updated. More info:"
      + " https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names";
  static final String CREATION_DOC = "CreationTimestamp is a timestamp representing the server"
      + " time when this object was created. It is not guaranteed to be set in happens-before"
      + " order across separate operations. Clients may not set this value. It is represented in"
      + " RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More"
      + " info: https://git.k8s.io/community/contributors/devel/sig-architecture/"
      + "api-conventions.md#metadata";

  /** The Name column every built-in table starts with. */
  static final Column NAME = new Column("Name", "string", "name", NAME_DOC, 0);
  /** The Age column: the object's creationTimestamp as a short human duration. */
  static final Column AGE = new Column("Age", "string", "", CREATION_DOC, 0);

  public Column {
    requireNonNull(name, "name should not be null");
    requireNonNull(type, "type should not be null");
    requireNonNull(format, "format should not be null");
    requireNonNull(description, "description should not be null");
  }

  static Column string(String name, String description) {
    return new Column(name, "string", "", description, 0);
  }

  static Column integer(String name, String description) {
    return new Column(name, "integer", "", description, 0);
  }

  /** A string column shown only with {@code -o wide}. */
  static Column wide(String name, String description) {
    return new Column(name, "string", "", description, 1);
  }
}
