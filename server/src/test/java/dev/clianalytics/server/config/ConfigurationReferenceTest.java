package dev.clianalytics.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/configuration.md is the one reference for the server's keys: its table holds every key the
 * server reads exactly once, with the default the server applies, and no other page repeats the
 * table or states another default. Each failure says what to add, remove or change.
 */
class ConfigurationReferenceTest {
  private static final Path DOCS = Path.of("..", "docs");
  private static final Path PAGE = DOCS.resolve("configuration.md");
  private static final Path README = Path.of("..", "README.md");
  private static final String SALT = "reference-test-salt-0123456789";
  private static final Pattern FIRST_CODE = Pattern.compile("`([^`]+)`");

  @TempDir Path dir;

  @Test
  void everyKeyTheServerReads_isDeclaredInConfigKey() {
    Set<String> read = ConfigLoader.keysRead(Map.of("HASH_SALT", SALT));
    Set<String> declared = declaredNames();
    List<String> problems = new ArrayList<>();
    for (String key : read) {
      if (!declared.contains(key)) {
        problems.add(
            "ConfigLoader reads "
                + key
                + " but ConfigKey.SERVER does not declare it: add new ConfigKey(\""
                + key
                + "\", <default as written in the environment, or null>, <meaning>) to"
                + " ConfigKey.SERVER and its row to docs/configuration.md");
      }
    }
    for (String key : declared) {
      if (!read.contains(key)) {
        problems.add(
            "ConfigKey.SERVER declares " + key + ", which ConfigLoader never reads: remove it");
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void declaredDefaults_areTheDefaultsTheServerApplies() {
    ServerConfig unset = load(Map.of());
    for (ConfigKey key : ConfigKey.SERVER) {
      if (key.defaultValue() != null) {
        assertEquals(
            unset,
            load(Map.of(key.name(), key.defaultValue())),
            key.name()
                + "="
                + key.defaultValue()
                + " (its declared default) configures the server differently from leaving it"
                + " unset: fix the default in ConfigKey.SERVER and docs/configuration.md");
      }
    }
  }

  @Test
  void referenceTable_listsEveryServerKeyOnceWithItsDefault() throws IOException {
    Map<String, List<String>> rows = serverRows();
    List<String> problems = new ArrayList<>();
    for (ConfigKey key : ConfigKey.SERVER) {
      List<String> defaults = rows.get(key.name());
      if (defaults == null) {
        problems.add(
            "docs/configuration.md (## Server) has no row for "
                + key.name()
                + "; add this row: "
                + key.tableRow());
      } else if (defaults.size() > 1) {
        problems.add(
            "docs/configuration.md (## Server) lists "
                + key.name()
                + " "
                + defaults.size()
                + " times; keep one row");
      } else if (!sameDefault(key.defaultValue(), defaults.getFirst())) {
        problems.add(
            "docs/configuration.md (## Server) gives "
                + key.name()
                + " the default '"
                + defaults.getFirst()
                + "' but the server's default is "
                + (key.defaultValue() == null ? "none" : "`" + key.defaultValue() + "`")
                + "; the row should read: "
                + key.tableRow());
      }
    }
    Set<String> declared = declaredNames();
    for (String key : rows.keySet()) {
      if (!declared.contains(key)) {
        problems.add(
            "docs/configuration.md (## Server) has a row for "
                + key
                + ", which the server does not read (ConfigKey.SERVER): remove the row");
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void otherPages_neitherRepeatTheTableNorContradictADefault() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Path page : otherPages()) {
      String text = Files.readString(page);
      for (ConfigKey key : ConfigKey.SERVER) {
        problems.addAll(repeatedRows(page, text, key));
        problems.addAll(contradictedDefaults(page, text, key));
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void aStatedDefault_isCheckedAgainstTheServer() {
    ConfigKey port = key("PORT");
    assertTrue(contradictedDefaults(README, "`PORT` (default `8000`)", port).isEmpty());
    assertTrue(contradictedDefaults(README, "`PORT` (8000 by default)", port).isEmpty());
    assertEquals(1, contradictedDefaults(README, "`PORT` (default 8080)", port).size());
    ConfigKey timeout = key("SESSION_TIMEOUT");
    assertTrue(contradictedDefaults(README, "`SESSION_TIMEOUT` (30 minutes)", timeout).isEmpty());
    assertEquals(
        1, contradictedDefaults(README, "`SESSION_TIMEOUT` (default 15m)", timeout).size());
    assertEquals(1, contradictedDefaults(README, "`PORT`, default `80`;", port).size());
    assertEquals(1, repeatedRows(README, "intro\n| `PORT` | `8000` | port |\n", port).size());
  }

  private static List<String> repeatedRows(Path page, String text, ConfigKey key) {
    List<String> problems = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^\\|\\s*`" + key.name() + "`[^|]*\\|").matcher(text);
    while (m.find()) {
      problems.add(
          where(page, text, m.start())
              + " repeats "
              + key.name()
              + " in a table; describe it once in docs/configuration.md and link there");
    }
    return problems;
  }

  /**
   * `KEY` (default X), `KEY` (X by default), `KEY` defaults to X, `KEY`, default X, and `KEY` (30
   * minutes).
   */
  private List<String> contradictedDefaults(Path page, String text, ConfigKey key) {
    String k = "`" + Pattern.quote(key.name()) + "`";
    String value = "`?([^`),;]+?)`?";
    List<Pattern> forms =
        List.of(
            Pattern.compile(k + "\\s*\\(default:?\\s+" + value + "\\s*[),;]"),
            Pattern.compile(k + "\\s*\\(" + value + "\\s+by default\\s*\\)"),
            Pattern.compile(k + "\\s+defaults to\\s+" + value + "[\\s).,;]"),
            Pattern.compile(k + ",\\s+default\\s+" + value + "[\\s).,;]"),
            Pattern.compile(
                k + "\\s*\\((\\d[\\d,]*\\s*(?:ms|s|m|h|d|minutes?|seconds?|hours?|days?)?)\\)"));
    List<String> problems = new ArrayList<>();
    String flat = text.replace('\n', ' ');
    for (Pattern form : forms) {
      Matcher m = form.matcher(flat);
      while (m.find()) {
        if (!agrees(key, m.group(1))) {
          problems.add(
              where(page, text, m.start())
                  + " states "
                  + key.name()
                  + " defaults to '"
                  + m.group(1).strip()
                  + "', but it is "
                  + (key.defaultValue() == null ? "unset" : "`" + key.defaultValue() + "`")
                  + " (docs/configuration.md): fix the page or link to the reference");
        }
      }
    }
    return problems;
  }

  /** Equal as written, or configuring the server as the default does ("30 minutes" is 30m). */
  private boolean agrees(ConfigKey key, String stated) {
    String v = normalize(stated);
    if (key.defaultValue() == null) {
      return v.equals("none") || v.equals("unset");
    }
    if (v.equals(key.defaultValue())) {
      return true;
    }
    try {
      return load(Map.of(key.name(), v)).equals(load(Map.of()));
    } catch (ConfigException e) {
      return false;
    }
  }

  private static String normalize(String stated) {
    String v = stated.strip().replace(",", "").toLowerCase(Locale.ROOT);
    v = v.replaceAll("^(\\d+)\\s*minutes?$", "$1m");
    v = v.replaceAll("^(\\d+)\\s*seconds?$", "$1s");
    v = v.replaceAll("^(\\d+)\\s*hours?$", "$1h");
    v = v.replaceAll("^(\\d+)\\s*days?$", "$1d");
    return v.equals("info") ? "INFO" : v;
  }

  private static String where(Path page, String text, int offset) {
    long line = text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    return page.normalize() + ":" + line;
  }

  /** The reference table's rows: key to the default cells it is given (one per row). */
  private static Map<String, List<String>> serverRows() throws IOException {
    List<String> lines = Files.readAllLines(PAGE);
    int start = lines.indexOf("## Server");
    assertTrue(start >= 0, "docs/configuration.md has no '## Server' section");
    Map<String, List<String>> rows = new LinkedHashMap<>();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.startsWith("## ")) {
        break;
      }
      if (line.startsWith("| `")) {
        String[] cells = line.split("\\|");
        Matcher key = FIRST_CODE.matcher(cells[1]);
        key.find();
        rows.computeIfAbsent(key.group(1), k -> new ArrayList<>()).add(cells[2].strip());
      }
    }
    return rows;
  }

  /** A default cell starting with a code span states that value; any other cell says none. */
  private static boolean sameDefault(String declared, String cell) {
    Matcher m = FIRST_CODE.matcher(cell);
    String documented = cell.startsWith("`") && m.find() ? m.group(1) : null;
    return declared == null ? documented == null : declared.equals(documented);
  }

  private static List<Path> otherPages() throws IOException {
    try (Stream<Path> pages = Files.list(DOCS)) {
      List<Path> all =
          pages
              .filter(p -> p.toString().endsWith(".md") && !p.equals(PAGE))
              .sorted()
              .collect(Collectors.toCollection(ArrayList::new));
      all.add(README);
      return all;
    }
  }

  private ServerConfig load(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(Map.of("HASH_SALT", SALT));
    env.putAll(extra);
    return ServerConfig.from(env, dir.resolve("no.env"));
  }

  private static Set<String> declaredNames() {
    return ConfigKey.SERVER.stream()
        .map(ConfigKey::name)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  private static ConfigKey key(String name) {
    return ConfigKey.SERVER.stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
  }
}
