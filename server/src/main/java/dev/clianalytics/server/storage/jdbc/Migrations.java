package dev.clianalytics.server.storage.jdbc;

import dev.clianalytics.server.storage.SchemaTooNewException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The versioned schema scripts under {@code db/<dialect>/}, in order. Scripts are listed here
 * rather than discovered so that a shaded jar needs no classpath scanning; a test checks that the
 * list matches the directory.
 */
public final class Migrations {
  public static final List<String> POSTGRES =
      List.of(
          "V1__events.sql",
          "V2__inference.sql",
          "V3__path_totals.sql",
          "V4__path_trails.sql",
          "V5__platform.sql",
          "V6__workflow_weeks.sql",
          "V7__platform_counts.sql",
          "V8__path_sequences.sql");
  public static final List<String> DUCKDB =
      List.of(
          "V1__events.sql",
          "V2__inference.sql",
          "V3__path_totals.sql",
          "V4__path_trails.sql",
          "V5__platform.sql",
          "V6__workflow_weeks.sql",
          "V7__platform_counts.sql");
  public static final List<String> CLICKHOUSE =
      List.of(
          "V1__events.sql",
          "V2__inference.sql",
          "V3__infer_partition.sql",
          "V4__platform_counts.sql");

  private static final Pattern NAME = Pattern.compile("V([1-9][0-9]*)__([a-z0-9_]+)\\.sql");

  /** One script: its version, its description and its statements. */
  public record Script(int version, String description, List<String> statements) {}

  private Migrations() {}

  /**
   * The scripts not yet among {@code applied}, in order.
   *
   * @throws SchemaTooNewException when the database is at a version newer than {@code scripts}
   */
  public static List<Script> pending(List<Script> scripts, java.util.Set<Integer> applied) {
    int newest = applied.stream().mapToInt(Integer::intValue).max().orElse(0);
    if (newest > scripts.size()) {
      throw new SchemaTooNewException(newest, scripts.size());
    }
    return scripts.stream().filter(s -> !applied.contains(s.version())).toList();
  }

  public static List<Script> load(String dialect, List<String> names) {
    List<Script> scripts = new ArrayList<>();
    for (String name : names) {
      Matcher m = NAME.matcher(name);
      if (!m.matches()) {
        throw new IllegalStateException("migration " + name + " must be named V<n>__<words>.sql");
      }
      int version = Integer.parseInt(m.group(1));
      if (version != scripts.size() + 1) {
        throw new IllegalStateException(
            "migration " + name + " has version " + version + ", expected " + (scripts.size() + 1));
      }
      String sql = read("db/" + dialect + "/" + name);
      scripts.add(new Script(version, m.group(2), statements(sql)));
    }
    return List.copyOf(scripts);
  }

  /**
   * Splits a script at semicolons that end a line. Scripts are plain DDL: no semicolons inside
   * literals or function bodies, which keeps this split correct without a SQL parser.
   */
  static List<String> statements(String sql) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : sql.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.startsWith("--") || trimmed.isEmpty()) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String statement = current.toString().strip();
        out.add(statement.substring(0, statement.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      throw new IllegalStateException("migration script ends without ';': " + current);
    }
    return out;
  }

  private static String read(String resource) {
    try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("migration resource " + resource + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read migration " + resource, e);
    }
  }
}
