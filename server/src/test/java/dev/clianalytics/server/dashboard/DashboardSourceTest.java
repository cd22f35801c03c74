package dev.clianalytics.server.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's scripts build DOM only through {@code h()} and {@code tooltip()} in dom.js: no
 * HTML parsing API and no HTML written in a string, so report text can only ever become text.
 */
class DashboardSourceTest {
  private static final Path SCRIPTS = Path.of("src/main/resources/dashboard/js");

  /** APIs that parse a string as HTML. */
  private static final Pattern HTML_SINKS =
      Pattern.compile("innerHTML|outerHTML|insertAdjacentHTML|document\\.write|DOMParser|srcdoc");

  /**
   * A string or template literal that holds a tag, such as `<b>${name}</b>` or '<br>
   * '.
   */
  private static final Pattern TAG_IN_STRING =
      Pattern.compile("[`'\"][^`'\"\\n]*</?[a-zA-Z][^`'\"\\n]*[`'\"]");

  @Test
  void scripts_neverParseStringsAsHtml_norWriteTagsInStrings() throws IOException {
    List<String> found = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(SCRIPTS)) {
      files = walk.filter(p -> p.toString().endsWith(".js")).toList();
    }
    for (Path file : files) {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.startsWith("//") || line.startsWith("*") || line.startsWith("/*")) {
          continue;
        }
        Matcher sink = HTML_SINKS.matcher(line);
        Matcher tag = TAG_IN_STRING.matcher(line);
        if (sink.find() || tag.find()) {
          found.add(SCRIPTS.relativize(file) + ":" + (i + 1) + ": " + line);
        }
      }
    }
    assertTrue(files.size() > 5, "the scripts were found: " + files);
    assertEquals(List.of(), found);
  }
}
