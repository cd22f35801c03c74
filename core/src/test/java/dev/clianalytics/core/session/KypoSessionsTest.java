package dev.clianalytics.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs the sessionizer over the real command timestamps of the KYPO dataset (Švábenský et al.,
 * "Dataset of shell commands used by participants of hands-on cybersecurity training", Data in
 * Brief 38 (2021), doi:10.1016/j.dib.2021.107398). Each file is one trainee's training session, so
 * with one actor per file a good sessionizer finds one session per file; with two files joined as
 * one actor's history beyond the timeout it must split them, measured as pair precision.
 */
class KypoSessionsTest {
  static final Sessionizer SESSIONIZER = new Sessionizer(Duration.ofMinutes(30));

  /** The time between two joined files: well beyond the 30-minute timeout. */
  static final Duration GAP = Duration.ofMinutes(45);

  @Test
  void sessionize_kypoTrainingSessions_agreeWithTheDatasetsOwnSessions() {
    List<List<Event>> files = load(dataset());
    Measure own = measure(SESSIONIZER, files.stream().map(List::of).toList());
    System.out.printf(
        "kypo: files=%d events=%d sessions=%d one_session_share=%.4f pair_recall=%.4f%n",
        files.size(), own.events, own.sessions, own.oneSessionShare(), own.recall());
    for (int minutes : new int[] {10, 60, 120}) {
      Sessionizer other = new Sessionizer(Duration.ofMinutes(minutes));
      long single =
          files.stream().filter(f -> other.sessionize(f, Instant.MAX).size() == 1).count();
      System.out.printf(
          "kypo: timeout=%dm one_session_share=%.4f%n", minutes, (double) single / files.size());
    }
    assertTrue(files.size() > 200, "expected the 267 files of the dataset, got " + files.size());
    assertTrue(own.oneSessionShare() >= 0.75, "one-session share " + own.oneSessionShare());
    assertTrue(own.recall() >= 0.80, "pair recall " + own.recall());
  }

  /**
   * Files joined in pairs as one trainee's history, the second file starting {@link #GAP} after the
   * first ends: a sessionizer that never splits joins every pair of files into one session and
   * scores a pair precision near 0.5; the real one must split at every join.
   */
  @Test
  void sessionize_kypoFilesJoinedBeyondTheTimeout_splitAtEveryJoin() {
    List<List<Event>> files = load(dataset());
    List<List<List<Event>>> histories = joined(files, GAP);

    Measure m = measure(SESSIONIZER, histories);
    System.out.printf(
        "kypo joined (gap %dm, timeout %dm): histories=%d events=%d sessions=%d"
            + " pair_precision=%.4f pair_recall=%.4f%n",
        GAP.toMinutes(),
        SESSIONIZER.timeout().toMinutes(),
        histories.size(),
        m.events,
        m.sessions,
        m.precision(),
        m.recall());
    assertEquals(1.0, m.precision(), "no session may span two files " + GAP + " apart");
    assertTrue(m.recall() >= 0.80, "pair recall " + m.recall());

    // The measure can fail: with a timeout longer than the gap the joins are not split.
    Measure tooLong = measure(new Sessionizer(GAP.plusMinutes(1)), histories);
    assertTrue(tooLong.precision() < 0.9, "precision " + tooLong.precision());
  }

  /**
   * Consecutive files two by two, the second shifted to start {@code gap} after the first ends and
   * given the first's actor; event ids are (history, index) so each event's file is known.
   */
  static List<List<List<Event>>> joined(List<List<Event>> files, Duration gap) {
    List<List<List<Event>>> histories = new ArrayList<>();
    for (int i = 0; i + 1 < files.size(); i += 2) {
      List<Event> first = files.get(i);
      List<Event> second = files.get(i + 1);
      Instant firstEnd = first.stream().map(Event::timestamp).max(Instant::compareTo).orElseThrow();
      Instant secondStart =
          second.stream().map(Event::timestamp).min(Instant::compareTo).orElseThrow();
      Duration shift = Duration.between(secondStart, firstEnd.plus(gap));
      String actor = first.get(0).actorId();
      List<Event> moved =
          second.stream().map(e -> e.withActorAt(actor, e.timestamp().plus(shift))).toList();
      histories.add(List.of(first, moved));
    }
    return histories;
  }

  /** Pair counts over histories: each history is one actor's files, each file one true session. */
  static Measure measure(Sessionizer sessionizer, List<List<List<Event>>> histories) {
    Measure m = new Measure();
    for (List<List<Event>> history : histories) {
      Map<UUID, Integer> fileOf = new HashMap<>();
      List<Event> all = new ArrayList<>();
      for (int f = 0; f < history.size(); f++) {
        List<Event> file = history.get(f);
        m.files++;
        m.truePairs += pairs(file.size());
        for (int k = 0; k < file.size(); k++) {
          UUID id = new UUID(f, k);
          fileOf.put(id, f);
          all.add(withId(file.get(k), id));
        }
      }
      m.events += all.size();
      List<Session> found = sessionizer.sessionize(all, Instant.MAX);
      m.sessions += found.size();
      Map<Integer, Long> sessionsPerFile = new HashMap<>();
      for (Session s : found) {
        m.foundPairs += pairs(s.events().size());
        Map<Integer, Long> perFile = new HashMap<>();
        s.events().forEach(e -> perFile.merge(fileOf.get(e.eventId()), 1L, Long::sum));
        perFile.forEach(
            (file, n) -> {
              m.correctPairs += pairs(n);
              sessionsPerFile.merge(file, 1L, Long::sum);
            });
      }
      m.oneSessionFiles += sessionsPerFile.values().stream().filter(n -> n == 1).count();
    }
    return m;
  }

  private static Event withId(Event e, UUID id) {
    return new Event(
        e.timestamp(),
        e.toolName(),
        e.toolVersion(),
        e.commandPath(),
        e.flagsPresent(),
        e.exitCode(),
        e.durationMs(),
        e.errorType(),
        e.errorMessage(),
        e.actorId(),
        e.machineId(),
        e.sessionHint(),
        e.ciDetected(),
        id);
  }

  /** Same-session event pairs: found by the sessionizer, true (same file), and both. */
  static final class Measure {
    long files;
    long events;
    long sessions;
    long oneSessionFiles;
    long truePairs;
    long foundPairs;
    long correctPairs;

    /** Of the pairs put in one session, the share from one file. */
    double precision() {
      return (double) correctPairs / foundPairs;
    }

    /** Of the pairs from one file, the share put in one session. */
    double recall() {
      return (double) correctPairs / truePairs;
    }

    double oneSessionShare() {
      return (double) oneSessionFiles / files;
    }
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
