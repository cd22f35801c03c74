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
  private static Session session(List<String> commands) {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < commands.size(); i++) {
      events.add(Ev.at("10:0" + i).actor("a").cmd(commands.get(i)).exit(i % 2).build());
    }
    return new Session("s", "a", null, events, false);
  }

  @Test
  void plainCommands_readBackAsTheSessionsContributions() {
    Session s = session(List.of("git status", "git push", "git status"));
    assertEquals(".git status\n!git push\n.git status\n", PathTrail.of(s));
    assertEquals(
        HotPaths.contributions(s, 3),
        PathTrail.contributions(PathTrail.of(s), "a", 3, new HotPaths.Names()));
  }

  @Test
  void backslashesAndNewlines_areEscapedAndReadBack() {
    Session s = session(List.of("tool a\\b", "tool line\nnext", "tool plain", "tool \\\n"));
    assertEquals(".tool a\\\\b\n!tool line\\nnext\n.tool plain\n!tool \\\\\\n\n", PathTrail.of(s));
    assertEquals(
        HotPaths.contributions(s, 2),
        PathTrail.contributions(PathTrail.of(s), "a", 2, new HotPaths.Names()));
  }
}
