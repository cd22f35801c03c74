package dev.clianalytics.server.storage.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.inference.InferenceOptions;
import dev.clianalytics.server.inference.InferenceService;
import dev.clianalytics.server.storage.Database;
import dev.clianalytics.server.storage.Events;
import dev.clianalytics.server.storage.Storage;
import dev.clianalytics.server.storage.derived.DerivedRewrite;
import dev.clianalytics.server.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where the tables live (docs/storage.md, "Schema") and what Supabase's API roles can read
 * (docs/supabase.md), each test in a database of its own, with API roles named uniquely because
 * roles are shared by the whole cluster.
 */
class PostgresSchemaTest {
  private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");

  private TestDatabase db;
  private String anon;
  private String authenticated;

  @BeforeEach
  void freshDatabase() {
    db = TestDatabase.create(PostgresSchemaTest.class);
    anon = db.name() + "_anon";
    authenticated = db.name() + "_authenticated";
  }

  @AfterEach
  void drop() {
    db.close();
    TestDatabase.admin("DROP ROLE IF EXISTS " + anon);
    TestDatabase.admin("DROP ROLE IF EXISTS " + authenticated);
  }

  @Test
  void migrate_besideTheSeedsEventsTable_leavesItUntouchedAndStoresInItsOwnSchema()
      throws SQLException {
    db.execute(
        "CREATE TABLE public.events (id uuid PRIMARY KEY, payload jsonb)",
        "INSERT INTO public.events VALUES ('00000000-0000-4000-8000-000000000001', '{\"a\": 1}')");
    try (Storage s = open(db.url())) {
      s.migrate();
      s.migrate();
      assertEquals(3, s.insertEvents(Events.many(3, "a", 2), NOW).accepted());
      assertEquals(3, s.countEvents());
    }
    assertEquals("1 {\"a\": 1}", one("SELECT count(*) || ' ' || min(payload::text) FROM events"));
    assertEquals(
        "id,payload",
        one(
            "SELECT string_agg(column_name, ',' ORDER BY ordinal_position)"
                + " FROM information_schema.columns"
                + " WHERE table_schema = 'public' AND table_name = 'events'"));
    assertEquals("3", one("SELECT count(*) FROM cli_analytics.events"));
  }

  @Test
  void migrate_secondInstanceWaitingForTheFirst_findsTheSchemaItCreated() throws Exception {
    String url = db.url("currentSchema=race");
    List<Future<?>> migrations = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (Connection holder = db.connect();
        Statement s = holder.createStatement()) {
      // Both instances look the schema up, find it missing, then queue behind the lock.
      s.execute("SELECT pg_advisory_lock(" + PostgresStorage.MIGRATION_LOCK + ")");
      for (int i = 0; i < 2; i++) {
        migrations.add(
            pool.submit(
                () -> {
                  try (Storage st = open(url)) {
                    st.migrate();
                  }
                }));
      }
      while (!"2"
          .equals(
              one(
                  "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                      + " AND NOT granted"))) {
        Thread.sleep(20);
      }
      s.execute("SELECT pg_advisory_unlock(" + PostgresStorage.MIGRATION_LOCK + ")");
      for (Future<?> f : migrations) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals("1", one("SELECT count(*) FROM pg_namespace WHERE nspname = 'race'"));
  }

  @Test
  void storage_connectionsStartingInPublic_stillWriteToItsSchema() throws SQLException {
    db.execute("CREATE TABLE public.events (id uuid PRIMARY KEY, payload jsonb)");
    // A session default the server must not rely on: poolers hand out such sessions.
    String url = db.url("options=" + "-c%20search_path%3Dpublic");
    try (Storage s = open(url)) {
      s.migrate();
      assertEquals(2, s.insertEvents(Events.many(2, "a", 1), NOW).accepted());
      assertEquals(2, s.countEvents());
    }
    assertEquals("0", one("SELECT count(*) FROM public.events"));
    assertEquals("2", one("SELECT count(*) FROM cli_analytics.events"));
  }

  @Test
  void migrate_onSupabase_apiRolesCannotReadOurTables() throws SQLException {
    supabaseRoles();
    try (Storage s = open(db.url())) {
      s.migrate();
      s.insertEvents(Events.many(5, "a", 2), NOW);
    }
    SQLException denied =
        assertThrows(SQLException.class, () -> countAs(anon, "cli_analytics.events"));
    assertEquals("42501", denied.getSQLState(), denied.getMessage());
    assertThrows(SQLException.class, () -> countAs(authenticated, "cli_analytics.sessions"));
    assertNull(one("SELECT to_regclass('public.events')"), "nothing of ours in public");
  }

  @Test
  void migrate_onSupabase_evenAGrantedApiRoleReadsNoRows() throws SQLException {
    supabaseRoles();
    try (Storage s = open(db.url())) {
      s.migrate();
      s.insertEvents(Events.many(5, "a", 2), NOW);
      infer(s, true);
    }
    // What exposing the schema in Supabase's API settings does.
    db.execute(
        "GRANT USAGE ON SCHEMA cli_analytics TO " + anon,
        "GRANT SELECT ON ALL TABLES IN SCHEMA cli_analytics TO " + anon);
    assertEquals(0, countAs(anon, "cli_analytics.events"));
    assertEquals(0, countAs(anon, "cli_analytics.sessions"));
    assertEquals(List.of(), tablesWithoutRowSecurity());
  }

  @Test
  void fullInference_onSupabase_swappedTablesKeepRowSecurity() throws SQLException {
    supabaseRoles();
    try (Storage s = open(db.url())) {
      s.migrate();
      s.insertEvents(Events.many(50, "a", 3), NOW);
      infer(s, true);
      infer(s, true);
    }
    assertEquals(List.of(), tablesWithoutRowSecurity());
  }

  @Test
  void fullInference_swappedTablesComeWithPlannerStatistics() throws SQLException {
    inferFully(Events.many(50, "a", 3));
    assertNotEquals("0", one("SELECT count(*) FROM cli_analytics.workflow_runs"));
    for (String table : DerivedRewrite.TABLES) {
      // column statistics (distinct values, common values) exist only once the table is analyzed
      boolean rows = !one("SELECT count(*) FROM cli_analytics." + table).equals("0");
      String columns =
          one(
              "SELECT count(*) FROM pg_stats WHERE schemaname = 'cli_analytics' AND tablename = '"
                  + table
                  + "'");
      assertEquals(rows, !columns.equals("0"), table);
    }
  }

  @Test
  void fullInference_storesWorkflowRunsInWorkflowOrder() throws SQLException {
    // each session interleaves runs of two workflows, which inference writes in session order
    inferFully(Events.many(60, "a", 3));
    List<String> stored = column("SELECT workflow FROM cli_analytics.workflow_runs ORDER BY ctid");
    assertEquals(2, stored.stream().distinct().count(), stored.toString());
    assertEquals(stored.stream().sorted().toList(), stored);
  }

  @Test
  void migrate_withoutSupabaseRoles_leavesRowSecurityOff() throws SQLException {
    try (Storage s = open(db.url())) {
      s.migrate();
    }
    assertEquals("0", one(rowSecurityCount()));
  }

  @Test
  void migrate_deploymentWithTablesInPublic_movesThemIntoTheSchemaWithTheirRows()
      throws SQLException {
    try (Storage old = open(db.url("currentSchema=public"))) {
      old.migrate();
      old.insertEvents(Events.many(20, "a", 3), NOW);
      infer(old, false);
    }
    String sessionsBefore = one("SELECT count(*) FROM public.sessions");
    try (Storage s = open(db.url())) {
      s.migrate();
      assertEquals(20, s.countEvents());
      assertEquals(1, s.insertEvents(List.of(Events.full("b", NOW)), NOW).accepted());
      infer(s, false);
    }
    assertNull(one("SELECT to_regclass('public.schema_migrations')"));
    assertNull(one("SELECT to_regclass('public.events')"));
    assertEquals("21", one("SELECT count(*) FROM cli_analytics.events"));
    assertEquals("21", one("SELECT max(seq) FROM cli_analytics.events"));
    assertTrue(Long.parseLong(one("SELECT count(*) FROM cli_analytics.sessions")) > 0);
    assertFalse(sessionsBefore.equals("0"));
  }

  private Storage open(String url) {
    return PostgresStorage.open(DatabaseUrl.parse(url), List.of(anon, authenticated));
  }

  private static void infer(Storage s, boolean full) {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    new InferenceService(new Database(s), InferenceOptions.defaults(), clock).run(full);
  }

  /** The API roles as a Supabase project has them: usage on public and rights on its tables. */
  private void supabaseRoles() {
    TestDatabase.admin("CREATE ROLE " + anon + " NOLOGIN");
    TestDatabase.admin("CREATE ROLE " + authenticated + " NOLOGIN");
    db.execute(
        "GRANT USAGE ON SCHEMA public TO " + anon + ", " + authenticated,
        "ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON TABLES TO "
            + anon
            + ", "
            + authenticated);
  }

  private long countAs(String role, String table) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      s.execute("SET ROLE " + role);
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private List<String> tablesWithoutRowSecurity() throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = 'cli_analytics' AND c.relkind = 'r'"
                    + " AND NOT c.relrowsecurity ORDER BY 1")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static String rowSecurityCount() {
    return "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        + " WHERE n.nspname = 'cli_analytics' AND c.relrowsecurity";
  }

  private String one(String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private List<String> column(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /** Migrates, stores {@code events} and runs a full inference over them. */
  private void inferFully(List<Event> events) throws SQLException {
    try (Storage s = open(db.url())) {
      s.migrate();
      s.insertEvents(events, NOW);
      infer(s, true);
    }
  }
}
