package io.kubling.cli;

/**
 * A failure the user can act on. Its message is printed as one plain line, without a stack
 * trace, and the command exits with 1.
 */
public final class UserError extends RuntimeException {
  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
