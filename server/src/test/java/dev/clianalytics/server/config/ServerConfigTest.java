package dev.clianalytics.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.server.storage.InferPartition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {
  @TempDir Path dir;

  private ServerConfig load(String... keyValues) {
    Map<String, String> env = new HashMap<>();
    env.put("DATA_DIR", dir.resolve("data").toString());
    for (int i = 0; i < keyValues.length; i += 2) {
      env.put(keyValues[i], keyValues[i + 1]);
    }
    return ServerConfig.from(env, dir.resolve(".env"));
  }

  private String failure(String... keyValues) {
    return assertThrows(ConfigException.class, () -> load(keyValues)).getMessage();
  }

  @Test
  void defaults_matchTheSpec() {
    ServerConfig c = load();
    assertNull(c.databaseUrl());
    assertEquals(8000, c.port());
    assertEquals("INFO", c.logLevel());
    assertEquals(5L * 1024 * 1024, c.maxBodyBytes());
    assertEquals(Duration.ofMinutes(30), c.sessionTimeout());
    assertEquals(Duration.ofSeconds(60), c.inferInterval());
    assertEquals(5, c.autoWorkflowMinRuns());
    assertEquals("ai-do", c.nsmCommand());
    assertEquals(1, c.minActors());
    assertEquals(395, c.retentionDays());
    assertFalse(c.allowAnonymousIngest());
    assertTrue(c.noTokens());
  }

  @Test
  void durations_acceptMinutesSecondsHoursAndZeroForInterval() {
    ServerConfig c = load("SESSION_TIMEOUT", "1h", "INFER_INTERVAL", "0");
    assertEquals(Duration.ofHours(1), c.sessionTimeout());
    assertEquals(Duration.ZERO, c.inferInterval());
    assertEquals(Duration.ofSeconds(90), load("SESSION_TIMEOUT", "90s").sessionTimeout());
  }

  @Test
  void badValue_failsWithOneLineNamingKeyProblemAndFix() {
    String message = failure("PORT", "eighty");
    assertEquals("PORT must be an integer from 0 to 65535, was 'eighty'; fix PORT", message);
    assertTrue(failure("SESSION_TIMEOUT", "soon").startsWith("SESSION_TIMEOUT must be a duration"));
    assertTrue(failure("ALLOW_ANONYMOUS_INGEST", "maybe").contains("true or false"));
    assertTrue(failure("LOG_LEVEL", "loud").startsWith("LOG_LEVEL must be one of"));
  }

  @Test
  void workflowsFile_thatDoesNotExist_failsAtStart() {
    String message = failure("WORKFLOWS_FILE", dir.resolve("missing.yaml").toString());
    assertTrue(message.startsWith("WORKFLOWS_FILE names a file that does not exist"), message);
  }

  @Test
  void secrets_areNeverEchoedInErrors() {
    String url = failure("DATABASE_URL", "mysql://root:hunter2@db/x");
    assertFalse(url.contains("hunter2"), url);
    assertTrue(url.startsWith("DATABASE_URL must be"));
    String salt = failure("HASH_SALT", "short-secret");
    assertFalse(salt.contains("short-secret"), salt);
    assertFalse(failure("INGEST_TOKENS", "good-token,,").contains("good-token"));
  }

  @Test
  void postgres_withoutHashSalt_refusesToStart() {
    String message = failure("DATABASE_URL", "postgresql://u@localhost/db");
    assertTrue(message.startsWith("HASH_SALT is required on PostgreSQL"), message);
  }

  @Test
  void clickhouseCluster_needsAClickHouseUrlAndAPlainName() {
    String salt = "0123456789abcdef0123";
    String ch = "clickhouse://default@127.0.0.1:8123/analytics";
    assertNull(load("DATABASE_URL", ch, "HASH_SALT", salt).clickhouseCluster());
    assertEquals(
        "cli_analytics",
        load("DATABASE_URL", ch, "HASH_SALT", salt, "CLICKHOUSE_CLUSTER", "cli_analytics")
            .clickhouseCluster());
    assertEquals(
        "CLICKHOUSE_CLUSTER is set but DATABASE_URL is not a clickhouse:// URL, was 'c1'; unset"
            + " it, or set DATABASE_URL to one of the cluster's servers",
        failure("CLICKHOUSE_CLUSTER", "c1"));
    assertTrue(
        failure("DATABASE_URL", ch, "HASH_SALT", salt, "CLICKHOUSE_CLUSTER", "c1; DROP TABLE x")
            .startsWith("CLICKHOUSE_CLUSTER must be a cluster name"));
  }

  @Test
  void inferPartition_isAShareOfClickHouseActors_numberedFromZero() {
    String salt = "0123456789abcdef0123";
    String ch = "clickhouse://default@127.0.0.1:8123/analytics";
    assertEquals(InferPartition.ALL, load("DATABASE_URL", ch, "HASH_SALT", salt).inferPartition());
    assertEquals(
        new InferPartition(1, 2),
        load("DATABASE_URL", ch, "HASH_SALT", salt, "INFER_PARTITION", " 1/2 ").inferPartition());
    assertEquals(
        "INFER_PARTITION must be i/n with i from 0 to n-1 (shares are numbered from 0), such as"
            + " 0/2 or 1/2, was '2/2'; fix it, or unset it to infer every actor",
        failure("DATABASE_URL", ch, "HASH_SALT", salt, "INFER_PARTITION", "2/2"));
    assertTrue(
        failure("DATABASE_URL", ch, "HASH_SALT", salt, "INFER_PARTITION", "0/0")
            .startsWith("INFER_PARTITION must be i/n with n from 1 to 1024"));
    assertTrue(
        failure("DATABASE_URL", ch, "HASH_SALT", salt, "INFER_PARTITION", "half")
            .startsWith("INFER_PARTITION must be i/n, such as 0/2 or 1/2"));
    assertTrue(
        failure("DATABASE_URL", ch, "HASH_SALT", salt, "INFER_PARTITION", "a/2")
            .startsWith("INFER_PARTITION must be i/n with whole numbers"));
    assertTrue(
        failure("DATABASE_URL", ch, "HASH_SALT", salt, "INFER_PARTITION", "-1/2")
            .startsWith("INFER_PARTITION must be i/n with i from 0 to n-1"));
    // PostgreSQL and the embedded database: instances take turns, so a share is refused
    assertEquals(
        "INFER_PARTITION is set but DATABASE_URL is not a clickhouse:// URL; on PostgreSQL and"
            + " the embedded database instances take turns inferring all actors, was '0/2'; unset"
            + " it",
        failure("INFER_PARTITION", "0/2"));
    assertTrue(
        failure(
                "DATABASE_URL",
                "postgresql://u:p@db:5432/a",
                "HASH_SALT",
                salt,
                "INFER_PARTITION",
                "0/2")
            .startsWith("INFER_PARTITION is set but DATABASE_URL is not a clickhouse:// URL"));
  }

  @Test
  void embedded_withoutHashSalt_generatesOneAndKeepsIt() {
    String first = load().hashSalt();
    assertTrue(first.length() >= 16);
    assertEquals(first, load().hashSalt());
    assertTrue(Files.exists(dir.resolve("data").resolve(HashSalts.FILE_NAME)));
  }

  @Test
  void tokens_areCommaSeparatedLists() {
    ServerConfig c = load("INGEST_TOKENS", "a1, b2", "ADMIN_TOKEN", "root");
    assertEquals(List.of("a1", "b2"), c.ingestTokens());
    assertEquals(List.of("root"), c.adminTokens());
    assertFalse(c.toString().contains("a1"), "toString hides tokens");
  }

  @Test
  void dotEnv_isRead_butEnvironmentWins() throws IOException {
    Files.writeString(
        dir.resolve(".env"), "# comment\nexport PORT=9000\nNSM_COMMAND=\"deploy\"\nMIN_ACTORS=3\n");
    ServerConfig c = load("MIN_ACTORS", "7");
    assertEquals(9000, c.port());
    assertEquals("deploy", c.nsmCommand());
    assertEquals(7, c.minActors());
  }

  @Test
  void dotEnv_malformedLine_namesTheLine() throws IOException {
    Files.writeString(dir.resolve(".env"), "PORT=1\nnot a setting\n");
    assertTrue(failure().contains("line 2"));
  }

  @Test
  void rateLimits_defaultToGenerousCeilings_andZeroTurnsThemOff() {
    ServerConfig defaults = load();
    assertEquals(1000, defaults.rateLimitPerToken());
    assertEquals(2000, defaults.rateLimitPerAddress());
    ServerConfig off = load("RATE_LIMIT_PER_TOKEN", "0", "RATE_LIMIT_PER_ADDRESS", "0");
    assertEquals(0, off.rateLimitPerToken());
    assertEquals(0, off.rateLimitPerAddress());
    assertEquals(5, load("RATE_LIMIT_PER_TOKEN", " 5 ").rateLimitPerToken());
  }

  @Test
  void rateLimit_thatIsNotAWholeRate_failsWithOneLineNamingTheKey() {
    assertEquals(
        "RATE_LIMIT_PER_TOKEN must be a whole number of requests per second from 0 (off) to"
            + " 1000000, was '2.5'; fix RATE_LIMIT_PER_TOKEN",
        failure("RATE_LIMIT_PER_TOKEN", "2.5"));
    assertTrue(failure("RATE_LIMIT_PER_ADDRESS", "-1").startsWith("RATE_LIMIT_PER_ADDRESS must"));
    assertTrue(failure("RATE_LIMIT_PER_ADDRESS", "fast").contains("was 'fast'"));
    assertTrue(failure("RATE_LIMIT_PER_TOKEN", "1000001").contains("1000000"));
  }

  @Test
  void withPort_changesThePortAndKeepsEveryOtherSetting() {
    ServerConfig c = load("MIN_ACTORS", "3", "INGEST_TOKENS", "a1", "RETENTION_DAYS", "7");
    ServerConfig moved = c.withPort(9100);
    assertEquals(9100, moved.port());
    assertEquals(c.toBuilder().port(9100).build(), moved);
    assertEquals(c, moved.withPort(c.port()));
  }

  @Test
  void builder_startsFromTheSameDefaultsAsAnEmptyEnvironment() {
    ServerConfig loaded = load();
    ServerConfig built =
        ServerConfig.builder().dataDir(loaded.dataDir()).hashSalt(loaded.hashSalt()).build();
    assertEquals(loaded, built);
  }

  @Test
  void outOfRangeValue_givesTheSameMessageFromTheEnvironmentAndFromCode() {
    String fromEnv = failure("MIN_ACTORS", "0");
    ServerConfigBuilder b = load().toBuilder().minActors(0);
    String fromCode = assertThrows(ConfigException.class, b::build).getMessage();
    assertEquals(
        "MIN_ACTORS must be an integer from 1 to 1000000, was '0'; fix MIN_ACTORS", fromEnv);
    assertEquals(fromEnv, fromCode);
  }

  @Test
  void numberTooLargeForItsType_isNamedWithTheRange() {
    assertEquals(
        "PORT must be an integer from 0 to 65535, was '99999999999'; fix PORT",
        failure("PORT", "99999999999"));
  }

  @Test
  void aggregateRetentionDays_defaultsToForever_andMayNotBeShorterThanRawRetention() {
    assertEquals(0, load().aggregateRetentionDays());
    assertEquals(800, load("AGGREGATE_RETENTION_DAYS", "800").aggregateRetentionDays());
    assertTrue(
        failure("RETENTION_DAYS", "30", "AGGREGATE_RETENTION_DAYS", "20")
            .startsWith("AGGREGATE_RETENTION_DAYS must be 0 (forever) or at least RETENTION_DAYS"));
    assertTrue(failure("AGGREGATE_RETENTION_DAYS", "-1").contains("AGGREGATE_RETENTION_DAYS"));
  }
}
