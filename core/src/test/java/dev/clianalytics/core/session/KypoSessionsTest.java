package dev.clianalytics.core.session;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs the sessionizer over the real command timestamps of the KYPO dataset (Švábenský et al.,
 * "Dataset of shell commands used by participants of hands-on cybersecurity training", Data in
 * Brief 38 (2021), doi:10.1016/j.dib.2021.107398). Each file is one trainee's training session, so
 * with one actor per file a good sessionizer finds one session per file.
 */
class KypoSessionsTest {
  static final Sessionizer SESSIONIZER = new Sessionizer(Duration.ofMinutes(30));

  @Test
  void sessionize_kypoTrainingSessions_agreeWithTheDatasetsOwnSessions() {
    List<List<Event>> files = load(dataset());
    long oneSession = 0;
    long truePairs = 0;
    long foundPairs = 0;
    long events = 0;
    long sessions = 0;
    for (List<Event> file : files) {
      List<Session> found = SESSIONIZER.sessionize(file, Instant.MAX);
      sessions += found.size();
      oneSession += found.size() == 1 ? 1 : 0;
      events += file.size();
      truePairs += pairs(file.size());
      for (Session s : found) {
        foundPairs += pairs(s.events().size());
      }
    }
    // One actor per file: every pair the sessionizer joins is in the same file (precision 1 by
    // construction); recall is the share of same-file pairs it keeps together.
    double oneSessionShare = (double) oneSession / files.size();
    double recall = (double) foundPairs / truePairs;
    System.out.printf(
        "kypo: files=%d events=%d sessions=%d one_session_share=%.4f pair_precision=1.0000"
            + " pair_recall=%.4f%n",
        files.size(), events, sessions, oneSessionShare, recall);
    for (int minutes : new int[] {10, 60, 120}) {
      Sessionizer other = new Sessionizer(Duration.ofMinutes(minutes));
      long single =
          files.stream().filter(f -> other.sessionize(f, Instant.MAX).size() == 1).count();
      System.out.printf(
          "kypo: timeout=%dm one_session_share=%.4f%n", minutes, (double) single / files.size());
    }
    assertTrue(files.size() > 200, "expected the 267 files of the dataset, got " + files.size());
    assertTrue(oneSessionShare >= 0.75, "one-session share " + oneSessionShare);
    assertTrue(recall >= 0.80, "pair recall " + recall);
  }

  static long pairs(long n) {
    return n * (n - 1) / 2;
  }

  static Path dataset() {
    String root = System.getenv("CLI_ANALYTICS_REPO_ROOT");
    Path path =
        root == null
            ? null
            : Path.of(root).resolve("../shared/datasets/kypo-shell-commands").normalize();
    boolean present = path != null && Files.isDirectory(path);
    if (!present && "true".equals(System.getenv("CI"))) {
      fail("KYPO dataset missing at " + path + "; CI requires it (see PREAMBLE / SOURCE.md)");
    }
    assumeTrue(present, "KYPO dataset not found at " + path + "; skipping the realism test");
    return path;
  }

  static List<List<Event>> load(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths
          .filter(p -> p.getFileName().toString().endsWith("-useractions.json"))
          .sorted()
          .map(KypoSessionsTest::events)
          .filter(list -> !list.isEmpty())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Event> events(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Object> records = new ArrayList<>();
    if (text.stripLeading().startsWith("[")) {
      records.addAll((List<?>) Json.parse(text));
    } else {
      text.lines().filter(l -> !l.isBlank()).forEach(l -> records.add(Json.parse(l)));
    }
    String actor = file.toString();
    List<Event> events = new ArrayList<>();
    for (Object record : records) {
      if (record instanceof Map<?, ?> map && map.get("timestamp_str") instanceof String ts) {
        String cmd = map.get("cmd") instanceof String c && !c.isBlank() ? c.strip() : "unknown";
        String tool = cmd.split("\\s+")[0];
        Instant at = OffsetDateTime.parse(ts).toInstant();
        events.add(
            new Event(
                at,
                tool,
                null,
                List.of(tool),
                List.of(),
                0,
                null,
                null,
                null,
                actor,
                null,
                null,
                false,
                null));
      }
    }
    return events;
  }
}
