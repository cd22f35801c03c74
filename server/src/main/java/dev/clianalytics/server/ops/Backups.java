package dev.clianalytics.server.ops;

import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.storage.duckdb.DuckDbStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A backup of the embedded database (docs/operations.md): the database file, its write-ahead log
 * when one is left, and the generated {@code HASH_SALT} kept in {@code DATA_DIR}, without which the
 * restored hashes could not be matched again. Restoring is copying these files into an empty {@code
 * DATA_DIR}.
 */
public final class Backups {
  /** The only file names a backup holds. */
  public static final Set<String> FILES =
      Set.of(
          dev.clianalytics.server.Storages.EMBEDDED_FILE,
          dev.clianalytics.server.Storages.EMBEDDED_FILE + ".wal",
          ServerConfig.HASH_SALT_FILE);

  private Backups() {}

  /**
   * Writes a backup of {@code storage} (whose directory is {@code dataDir}) into {@code target},
   * which must not exist or be empty; returns the files written.
   */
  public static List<Path> write(DuckDbStorage storage, Path dataDir, Path target) {
    emptyDirectory(target);
    List<Path> written = new ArrayList<>(storage.backup(target));
    Path salt = dataDir.resolve(ServerConfig.HASH_SALT_FILE);
    try {
      if (Files.isRegularFile(salt)) {
        written.add(Files.copy(salt, target.resolve(ServerConfig.HASH_SALT_FILE)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + salt + " to " + target, e);
    }
    return written;
  }

  /** Creates {@code dir}, or checks that it is an empty directory. */
  public static void emptyDirectory(Path dir) {
    try {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> entries = Files.list(dir)) {
          if (entries.findAny().isPresent()) {
            throw new IllegalArgumentException(
                dir + " is not empty; back up into a new or empty directory");
          }
        }
      } else {
        Files.createDirectories(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  /** Deletes {@code dir} and everything in it, quietly. */
  static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }
}
