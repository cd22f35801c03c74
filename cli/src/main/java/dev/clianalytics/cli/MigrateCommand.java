package dev.clianalytics.cli;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.config.Logging;
import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.storage.clickhouse.ClickHouseUrl;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = "Apply database migrations (DATABASE_URL, else the embedded database) and exit.")
final class MigrateCommand implements Callable<Integer> {
  @Option(
      names = "--json",
      description = "Print the result as JSON: {\"migrated\": true, \"database\"}.")
  boolean json;

  @Override
  public Integer call() {
    ServerConfig config = ServerConfig.load();
    Logging.configure(config.logLevel());
    try (Storage storage = Storages.open(config)) {
      storage.migrate();
    }
    boolean clickHouse = ClickHouseUrl.isClickHouse(config.databaseUrl());
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("migrated", true);
      result.put(
          "database", config.embedded() ? "embedded" : clickHouse ? "clickhouse" : "postgresql");
      System.out.println(Json.write(result));
    } else {
      System.out.println(
          "migrations applied to "
              + (config.embedded()
                  ? "the embedded database in " + config.dataDir()
                  : clickHouse ? "ClickHouse" : "PostgreSQL"));
    }
    return 0;
  }
}
