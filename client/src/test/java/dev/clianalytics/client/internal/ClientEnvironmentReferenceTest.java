package dev.clianalytics.client.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md's client table lists each variable the SDK reads exactly once, with its
 * per-tool twin as {@link ToolEnv} names it and the default the SDK applies.
 */
class ClientEnvironmentReferenceTest {
  private static final Path PAGE = Path.of("..", "docs", "configuration.md");
  private static final String SECTION = "## Client SDK and `cli-analytics exec`";
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  @Test
  void clientTable_listsEveryVariableOnceWithItsTwinAndDefault() throws IOException {
    List<String[]> rows = rows();
    ToolEnv mytool = new ToolEnv(java.util.Map.of(), "mytool");
    List<String> problems = new ArrayList<>();
    for (String key : ToolEnv.ALL) {
      List<String[]> found = rows.stream().filter(r -> first(r[1]).equals(key)).toList();
      String twin = key.equals(ToolEnv.DO_NOT_TRACK) ? null : mytool.toolName(key);
      String expectedDefault =
          key.equals(ToolEnv.FLUSH_TIMEOUT_MS)
              ? "`" + ClientConfig.DEFAULT_FLUSH_TIMEOUT.toMillis() + "`"
              : null;
      if (found.size() != 1) {
        problems.add(
            "docs/configuration.md ("
                + SECTION
                + ") lists "
                + key
                + " "
                + found.size()
                + " times; it needs exactly one row: | `"
                + key
                + "`"
                + (twin == null ? "" : " (`" + twin + "`)")
                + " | "
                + (expectedDefault == null ? "none" : expectedDefault)
                + " | <meaning> |");
        continue;
      }
      String[] row = found.get(0);
      if (twin != null && !row[1].contains("`" + twin + "`")) {
        problems.add(key + "'s row should name its per-tool twin `" + twin + "`");
      }
      String cell = row[2].strip();
      boolean statesValue = cell.startsWith("`");
      if (expectedDefault == null ? statesValue : !cell.startsWith(expectedDefault)) {
        problems.add(
            key
                + "'s default cell is '"
                + cell
                + "'; the SDK's default is "
                + (expectedDefault == null ? "none" : expectedDefault));
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  private static String first(String cell) {
    Matcher m = CODE.matcher(cell);
    return m.find() ? m.group(1) : "";
  }

  private static List<String[]> rows() throws IOException {
    List<String> lines = Files.readAllLines(PAGE);
    int start = lines.indexOf(SECTION);
    assertTrue(start >= 0, "docs/configuration.md has no '" + SECTION + "' section");
    List<String[]> rows = new ArrayList<>();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.startsWith("## ")) {
        break;
      }
      if (line.startsWith("| `")) {
        rows.add(line.split("\\|"));
      }
    }
    return rows;
  }
}
