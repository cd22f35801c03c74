package dev.clianalytics.server.storage.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.inference.InferenceOptions;
import dev.clianalytics.server.Storages;
import dev.clianalytics.server.inference.InferenceService;
import dev.clianalytics.server.storage.Database;
import dev.clianalytics.server.storage.Events;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A full inference on PostgreSQL writes the derived tables anew and swaps them in: the new tables
 * carry exactly the indexes the migrations defined, and workflow runs are stored in workflow order.
 */
class PostgresRewriteTest {

  @Test
  void fullInference_keepsEveryIndex_andClustersWorkflowRunsByWorkflow() throws Exception {
    try (TestPostgres pg = TestPostgres.create(PostgresRewriteTest.class);
        Storage storage = Storages.open(pg.databaseUrl(), Path.of("."));
        Connection c = pg.connect()) {
      storage.migrate();
      Map<String, String> migrated = indexes(c);
      List<dev.clianalytics.core.event.Event> events = new ArrayList<>();
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

      assertEquals(migrated, indexes(c));
      assertEquals(List.of("workflow_runs_workflow"), clustered(c, "workflow_runs"));
    }
  }

  /** Every index of the schema's tables, by name, with its definition. */
  private static Map<String, String> indexes(Connection c) throws Exception {
    Map<String, String> found = new TreeMap<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT indexname, indexdef FROM pg_indexes"
                    + " WHERE schemaname = current_schema()")) {
      while (rs.next()) {
        found.put(rs.getString(1), rs.getString(2));
      }
    }
    return found;
  }

  private static List<String> clustered(Connection c, String table) throws Exception {
    List<String> found = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                    + " WHERE x.indrelid = to_regclass('"
                    + table
                    + "') AND x.indisclustered")) {
      while (rs.next()) {
        found.add(rs.getString(1));
      }
    }
    return found;
  }
}
