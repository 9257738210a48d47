package io.kubling.cli.pki;

/** A PKI failure told to the user in one line (unreadable file, unknown certificate name). */
public final class PkiException extends RuntimeException {
  public PkiException(String message) {
    super(message);
  }
}
