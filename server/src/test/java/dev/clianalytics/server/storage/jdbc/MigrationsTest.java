package dev.clianalytics.server.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MigrationsTest {

  @ParameterizedTest
  @CsvSource({"postgres", "duckdb", "clickhouse"})
  void list_matchesTheScriptsInTheResourceDirectory(String dialect) throws IOException {
    Path dir =
        Path.of(System.getenv().getOrDefault("CLI_ANALYTICS_REPO_ROOT", ".."))
            .resolve("server/src/main/resources/db/" + dialect);
    List<String> listed =
        switch (dialect) {
          case "postgres" -> Migrations.POSTGRES;
          case "duckdb" -> Migrations.DUCKDB;
          default -> Migrations.CLICKHOUSE;
        };

    try (Stream<Path> files = Files.list(dir)) {
      List<String> present = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertEquals(present, listed.stream().sorted().toList());
    }
    assertEquals(listed.size(), Migrations.load(dialect, listed).size());
  }

  @Test
  void statements_splitAtLineEndingSemicolonsAndSkipComments() {
    String sql = "-- comment\nCREATE TABLE a (x int);\n\nCREATE INDEX i\n  ON a (x);\n";

    assertEquals(
        List.of("CREATE TABLE a (x int)", "CREATE INDEX i\n  ON a (x)"),
        Migrations.statements(sql));
  }

  @Test
  void statements_missingFinalSemicolon_isAnError() {
    assertThrows(
        IllegalStateException.class, () -> Migrations.statements("CREATE TABLE a (x int)"));
  }

  @Test
  void load_versionGap_isAnError() {
    assertThrows(
        IllegalStateException.class, () -> Migrations.load("postgres", List.of("V2__later.sql")));
  }
}
