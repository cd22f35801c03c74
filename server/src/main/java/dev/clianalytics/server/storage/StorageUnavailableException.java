package dev.clianalytics.server.storage;

/** The database could not be reached or failed mid-operation; nothing was stored. */
public final class StorageUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StorageUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
