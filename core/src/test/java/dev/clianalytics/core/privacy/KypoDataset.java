package dev.clianalytics.core.privacy;

import dev.clianalytics.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Reads the shell commands of Švábenský et al., "Dataset of Shell Commands Used by Participants of
 * Hands-on Cybersecurity Training", Data in Brief 38 (2021), doi:10.1016/j.dib.2021.107398. Most
 * files are JSON Lines; four are pretty-printed JSON arrays.
 */
final class KypoDataset {
  private KypoDataset() {}

  /** One record with a command: the fields a naive client would put into an event. */
  record Command(String cmd, String username, String wd, String hostname, String ip) {}

  /**
   * The dataset directory, {@code <repo>/../shared/datasets/kypo-shell-commands}. Missing data
   * skips the calling test, except under {@code CI=true}, where it fails it.
   */
  static Path locate() {
    String root = System.getenv("CLI_ANALYTICS_REPO_ROOT");
    Path dir =
        root == null
            ? null
            : Path.of(root).resolve("../shared/datasets/kypo-shell-commands").normalize();
    boolean present = dir != null && Files.isDirectory(dir);
    String why = "KYPO dataset not found at " + dir + " (CLI_ANALYTICS_REPO_ROOT=" + root + ")";
    if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(why);
    }
    Assumptions.assumeTrue(present, why);
    return dir;
  }

  static List<Command> commands(Path dir) {
    List<Command> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (text.stripLeading().startsWith("[")) {
          for (Object record : (List<?>) Json.parse(text)) {
            add(out, record);
          }
        } else {
          for (String line : text.split("\n")) {
            if (!line.isBlank()) {
              add(out, Json.parse(line));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static void add(List<Command> out, Object record) {
    Map<?, ?> r = (Map<?, ?>) record;
    if (r.get("cmd") instanceof String cmd && !cmd.isBlank()) {
      out.add(
          new Command(
              cmd,
              text(r.get("username")),
              text(r.get("wd")),
              text(r.get("hostname")),
              text(r.get("ip"))));
    }
  }

  private static String text(Object value) {
    return value instanceof String s ? s : "";
  }
}
