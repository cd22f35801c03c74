package dev.clianalytics.server.storage.derived;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.hotpath.HotPaths;
import dev.clianalytics.core.session.Session;
import dev.clianalytics.core.testing.Ev;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PathTrailTest {
  private static Session session(List<List<String>> paths) {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < paths.size(); i++) {
      Event e = Ev.at("10:0" + i).actor("a").exit(i % 2).build();
      events.add(
          new Event(
              e.timestamp(),
              paths.get(i).getFirst(),
              e.toolVersion(),
              paths.get(i),
              List.of(),
              e.exitCode(),
              e.durationMs(),
              e.errorType(),
              e.errorMessage(),
              e.actorId(),
              e.machineId(),
              e.sessionHint(),
              e.ciDetected(),
              e.eventId(),
              e.platform()));
    }
    return new Session("s", "a", null, events, false);
  }

  @Test
  void plainCommands_readBackAsTheSessionsContributions() {
    Session s =
        session(
            List.of(List.of("git", "status"), List.of("git", "push"), List.of("git", "status")));
    assertEquals(".git status\n!git push\n.git status\n", PathTrail.of(s));
    assertEquals(HotPaths.contributions(s, 3), PathTrail.contributions(PathTrail.of(s), "a", 3));
  }

  @Test
  void backslashesAndNewlines_areEscapedAndReadBack() {
    Session s =
        session(
            List.of(
                List.of("tool", "a\\b"),
                List.of("tool", "line\nnext"),
                List.of("tool", "plain"),
                List.of("tool", "\\\n")));
    assertEquals(".tool a\\\\b\n!tool line\\nnext\n.tool plain\n!tool \\\\\\n\n", PathTrail.of(s));
    assertEquals(HotPaths.contributions(s, 2), PathTrail.contributions(PathTrail.of(s), "a", 2));
  }
}
