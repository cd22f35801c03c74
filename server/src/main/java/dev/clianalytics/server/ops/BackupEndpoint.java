package dev.clianalytics.server.ops;

import dev.clianalytics.server.http.ApiProblem;
import dev.clianalytics.server.storage.Database;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.storage.duckdb.DuckDbStorage;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@code POST /admin/backup} (admin): a consistent copy of the running embedded database and its
 * generated salt, as a zip of the files {@link Backups} writes; {@code cli-analytics backup DIR}
 * unpacks it. PostgreSQL is backed up with {@code pg_dump} instead (docs/operations.md).
 */
public final class BackupEndpoint {
  private final Database database;
  private final Path dataDir;

  public BackupEndpoint(Database database, Path dataDir) {
    this.database = database;
    this.dataDir = dataDir;
  }

  public void backup(Context ctx) throws IOException {
    Storage storage = database.ready();
    if (!(storage instanceof DuckDbStorage embedded)) {
      throw ApiProblem.badRequest(
          "backup copies the embedded database; back PostgreSQL up with pg_dump"
              + " (docs/operations.md)");
    }
    // copied next to the database first, so the writer lock is held for a local copy only
    Path staging = Files.createTempDirectory(dataDir, ".backup-");
    try {
      Backups.write(embedded, dataDir, staging.resolve("files"));
      ctx.status(200);
      ctx.contentType("application/zip");
      try (ZipOutputStream zip = new ZipOutputStream(ctx.outputStream())) {
        zip.setLevel(Deflater.BEST_SPEED);
        try (var files = Files.list(staging.resolve("files"))) {
          for (Path file : files.sorted().toList()) {
            zip.putNextEntry(new ZipEntry(file.getFileName().toString()));
            Files.copy(file, zip);
            zip.closeEntry();
          }
        }
      }
    } finally {
      Backups.deleteQuietly(staging);
    }
  }
}
