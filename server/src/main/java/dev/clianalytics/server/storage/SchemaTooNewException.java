package dev.clianalytics.server.storage;

/**
 * The database was migrated by a newer cli-analytics than this one: the server must not start on it
 * (see docs/operations.md, "Upgrades"). Unlike {@link StorageUnavailableException} this is not a
 * passing outage, so nothing waits for it to clear.
 */
public final class SchemaTooNewException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public SchemaTooNewException(int databaseVersion, int knownVersion) {
    super(
        "the database schema is at version "
            + databaseVersion
            + " but this server knows only "
            + knownVersion
            + "; run a newer cli-analytics version against this database (docs/operations.md)");
  }
}
