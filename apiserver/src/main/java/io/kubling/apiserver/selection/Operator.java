package io.kubling.apiserver.selection;

/**
 * The operator of a label selector requirement; {@code ==} is read as {@link #EQUALS}, since
 * Kubernetes gives the two the same meaning.
 */
public enum Operator {
  EQUALS,
  NOT_EQUALS,
  IN,
  NOT_IN,
  EXISTS,
  DOES_NOT_EXIST,
  GREATER_THAN,
  LESS_THAN
}
