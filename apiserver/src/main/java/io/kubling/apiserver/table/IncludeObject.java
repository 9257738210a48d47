package io.kubling.apiserver.table;

/**
 * What each Table row carries besides its cells ({@code ?includeObject=}): nothing, the object's
 * metadata as a PartialObjectMetadata (the default, which kubectl relies on for NAMESPACE and
 * {@code --show-labels}), or the whole object.
 */
public enum IncludeObject {
  NONE("None"), METADATA("Metadata"), OBJECT("Object");

  private final String value;

  IncludeObject(String value) {
    this.value = value;
  }

  /** The query value, e.g. {@code Metadata}. */
  public String value() {
    return value;
  }

  /**
   * Reads the {@code includeObject} query parameter; absent or empty means Metadata. Anything
   * else is refused with the message Kubernetes' ValidateTableOptions gives (a 400).
   */
  public static IncludeObject parse(String query) {
    if (query == null || query.isEmpty()) {
      return METADATA;
    }
    for (IncludeObject i : values()) {
      if (i.value.equals(query)) {
        return i;
      }
    }
    throw new IllegalArgumentException("includeObject: Unsupported value: \"" + query
        + "\": supported values: \"Metadata\", \"None\", \"Object\"");
  }
}
