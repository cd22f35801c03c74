package dev.clianalytics.cli;

import dev.clianalytics.server.config.Logging;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.storage.Storages;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = "Apply database migrations (DATABASE_URL, else the embedded database) and exit.")
final class MigrateCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    ServerConfig config = ServerConfig.load();
    Logging.configure(config.logLevel());
    try (Storage storage = Storages.open(config.databaseUrl(), config.dataDir())) {
      storage.migrate();
    }
    System.out.println(
        "migrations applied to "
            + (config.embedded() ? "the embedded database in " + config.dataDir() : "PostgreSQL"));
    return 0;
  }
}
