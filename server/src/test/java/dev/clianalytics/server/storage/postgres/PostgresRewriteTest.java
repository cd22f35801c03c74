package dev.clianalytics.server.storage.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.inference.InferenceOptions;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.inference.InferenceService;
import dev.clianalytics.server.storage.Database;
import dev.clianalytics.server.storage.Events;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A full inference on PostgreSQL writes the derived tables anew and swaps them in: the new tables
 * carry exactly the indexes the migrations defined, and workflow runs are stored in workflow order.
 */
class PostgresRewriteTest {
  private static final String INDEXES =
      "SELECT indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = current_schema()"
          + " ORDER BY indexname";
  private static final String CLUSTERED =
      "SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
          + " WHERE x.indrelid = to_regclass('workflow_runs') AND x.indisclustered";

  @Test
  void fullInference_keepsEveryIndex_andClustersWorkflowRunsByWorkflow() {
    try (TestPostgres pg = TestPostgres.create(PostgresRewriteTest.class);
        Storage storage = Storages.open(pg.databaseUrl(), Path.of("."))) {
      storage.migrate();
      List<String> migrated = read(storage, INDEXES);
      List<Event> events = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        events.add(Events.minimal("actor-" + (i % 4), Events.T0.plusSeconds(30L * i)));
      }
      storage.insertEvents(events, Events.T0);
      InferenceService service =
          new InferenceService(
              new Database(storage),
              InferenceOptions.defaults(),
              Clock.fixed(Events.T0.plus(Duration.ofDays(1)), ZoneOffset.UTC));

      assertTrue(service.run(true).full());

      assertEquals(migrated, read(storage, INDEXES));
      assertEquals(List.of("workflow_runs_workflow"), read(storage, CLUSTERED));
    }
  }

  private static List<String> read(Storage storage, String sql) {
    return storage.inference().read(c -> c.list(sql, List.of(), rs -> rs.getString(1)));
  }
}
