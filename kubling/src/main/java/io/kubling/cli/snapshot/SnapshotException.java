package io.kubling.cli.snapshot;

/** A snapshot could not be taken, read, verified or restored; the message says why. */
public final class SnapshotException extends RuntimeException {
  public SnapshotException(String message) {
    super(message);
  }

  public SnapshotException(String message, Throwable cause) {
    super(message, cause);
  }
}
