package dev.clianalytics.core.nsm;

import java.util.List;
import java.util.Objects;

/**
 * What the north-star metric counts: {@code command} ({@code NSM_COMMAND}, default {@code ai-do})
 * as space-separated elements, and whether CI events count ({@code include_ci}, default false).
 */
public record NsmOptions(String command, boolean includeCi) {
  /** The default {@code NSM_COMMAND}. */
  public static final String DEFAULT_COMMAND = "ai-do";

  public NsmOptions {
    Objects.requireNonNull(command, "command");
    if (command.isBlank()) {
      throw new IllegalArgumentException(
          "NSM_COMMAND must not be blank; e.g. ai-do or 'ai-do run'");
    }
    command = command.strip();
  }

  /** The defaults: {@code ai-do}, CI excluded. */
  public static NsmOptions defaults() {
    return new NsmOptions(DEFAULT_COMMAND, false);
  }

  /** The command's elements ({@code ["ai-do", "run"]} for {@code "ai-do run"}). */
  public List<String> elements() {
    return List.of(command.split("\\s+"));
  }
}
