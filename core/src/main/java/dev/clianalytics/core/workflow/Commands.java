package dev.clianalytics.core.workflow;

import dev.clianalytics.core.event.Event;
import java.util.List;

/**
 * How inference reads an event's command: the tool is the first element of {@code command_path}
 * (falling back to {@code tool_name} for an empty path) and the command is the rest of the path.
 */
public final class Commands {
  private Commands() {}

  /** The tool of an event: the first command path element, else the tool name. */
  public static String tool(Event event) {
    List<String> path = event.commandPath();
    return path.isEmpty() ? event.toolName() : path.get(0);
  }

  /** The command path without the tool ({@code ["plan"]} for {@code terraform plan}). */
  public static List<String> subcommand(Event event) {
    List<String> path = event.commandPath();
    return path.isEmpty() ? List.of() : path.subList(1, path.size());
  }

  /** The full command path as a user would type it, e.g. {@code "terraform plan"}. */
  public static String display(Event event) {
    List<String> path = event.commandPath();
    return switch (path.size()) {
      case 0 -> event.toolName();
      case 1 -> path.get(0);
      default -> String.join(" ", path);
    };
  }

  /** True when {@code prefix} is an element-wise prefix of {@code path} (the empty path always). */
  public static boolean startsWith(List<String> path, List<String> prefix) {
    if (prefix.size() > path.size()) {
      return false;
    }
    for (int i = 0; i < prefix.size(); i++) {
      if (!prefix.get(i).equals(path.get(i))) {
        return false;
      }
    }
    return true;
  }
}
