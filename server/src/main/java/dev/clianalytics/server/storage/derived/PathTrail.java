package dev.clianalytics.server.storage.derived;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.hotpath.HotPaths;
import dev.clianalytics.core.hotpath.PathCount;
import dev.clianalytics.core.session.Session;
import dev.clianalytics.core.session.StartMarkers;
import dev.clianalytics.core.workflow.Exit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * A session's hot path contributions in compact form: one line per run (see {@link
 * StartMarkers#runs}), {@code !} for a failing event or {@code .} otherwise, then its full command
 * path (backslash and newline escaped). The contributions follow from the trail and the depth
 * alone, so a session row carries this instead of one row per distinct sequence, several times
 * fewer bytes to write on a full inference.
 */
final class PathTrail {
  private PathTrail() {}

  static String of(Session session) {
    List<Event> runs = StartMarkers.runs(session);
    StringBuilder out = new StringBuilder(runs.size() * 24);
    for (Event e : runs) {
      out.append(Exit.isFailure(e.exitCode()) ? '!' : '.');
      List<String> path = e.commandPath(); // joined as Commands.display joins it
      if (path.isEmpty()) {
        escaped(out, e.toolName());
      } else {
        for (int i = 0; i < path.size(); i++) {
          if (i > 0) {
            out.append(' ');
          }
          escaped(out, path.get(i));
        }
      }
      out.append('\n');
    }
    return out.toString();
  }

  // A path element (or tool name), backslash and newline escaped.
  private static void escaped(StringBuilder out, String text) {
    if (text.indexOf('\\') < 0 && text.indexOf('\n') < 0) {
      out.append(text); // nearly always: nothing to escape
      return;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> out.append(c);
      }
    }
  }

  /** The contributions of the session whose trail this is, counted with depth {@code k}. */
  static List<PathCount> contributions(
      String trail, String actorId, int depth, HotPaths.Names names) {
    List<String> commands = new ArrayList<>();
    BitSet failing = new BitSet();
    StringBuilder command = new StringBuilder();
    int i = 0;
    while (i < trail.length()) {
      failing.set(commands.size(), trail.charAt(i++) == '!');
      command.setLength(0);
      for (char c; (c = trail.charAt(i++)) != '\n'; ) {
        if (c == '\\') {
          command.append(trail.charAt(i++) == 'n' ? '\n' : '\\');
        } else {
          command.append(c);
        }
      }
      commands.add(command.toString());
    }
    return HotPaths.contributions(commands, failing, actorId, depth, names);
  }
}
