package dev.clianalytics.client.internal;

import dev.clianalytics.client.CommandRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Hooks a picocli {@link CommandLine} so each {@code execute} records one event. The path and
 * option names come from picocli's {@link ParseResult}, so nothing is guessed from argv, and no
 * option value or positional argument is ever looked at.
 */
public final class PicocliInstrumentation {
  public static final String OPTION = "--analytics";

  private final Client client;
  private CommandLine telemetryCommand;
  private volatile long startedNanos;

  private PicocliInstrumentation(Client client) {
    this.client = client;
  }

  /**
   * Adds {@code --analytics} everywhere and the {@code telemetry} subcommand, and wraps the
   * execution strategy and error handlers.
   */
  public static void install(CommandLine root, Client client) {
    PicocliInstrumentation hook = new PicocliInstrumentation(client);
    boolean hidden = client.settings().hideAnalyticsOption();
    addOption(root, hidden, Collections.newSetFromMap(new IdentityHashMap<>()));
    hook.telemetryCommand = TelemetryCommand.addTo(root, client);
    CommandLine.IExecutionStrategy strategy = root.getExecutionStrategy();
    CommandLine.IExecutionExceptionHandler onFailure = root.getExecutionExceptionHandler();
    CommandLine.IParameterExceptionHandler onUsageError = root.getParameterExceptionHandler();
    // Nested classes rather than lambdas: every tool pays for this, telemetry on or off, and each
    // lambda's first use costs a short-lived process about a millisecond.
    root.setExecutionStrategy(hook.new Strategy(strategy));
    root.setExecutionExceptionHandler(hook.new OnFailure(onFailure));
    root.setParameterExceptionHandler(hook.new OnUsageError(onUsageError));
  }

  private final class Strategy implements CommandLine.IExecutionStrategy {
    private final CommandLine.IExecutionStrategy wrapped;

    Strategy(CommandLine.IExecutionStrategy wrapped) {
      this.wrapped = wrapped;
    }

    @Override
    public int execute(ParseResult parseResult) {
      return PicocliInstrumentation.this.execute(wrapped, parseResult);
    }
  }

  private final class OnFailure implements CommandLine.IExecutionExceptionHandler {
    private final CommandLine.IExecutionExceptionHandler wrapped;

    OnFailure(CommandLine.IExecutionExceptionHandler wrapped) {
      this.wrapped = wrapped;
    }

    @Override
    public int handleExecutionException(
        Exception ex, CommandLine commandLine, ParseResult parseResult) throws Exception {
      return failed(wrapped, ex, commandLine, parseResult);
    }
  }

  private final class OnUsageError implements CommandLine.IParameterExceptionHandler {
    private final CommandLine.IParameterExceptionHandler wrapped;

    OnUsageError(CommandLine.IParameterExceptionHandler wrapped) {
      this.wrapped = wrapped;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args)
        throws Exception {
      return usageError(wrapped, ex, args);
    }
  }

  private static void addOption(CommandLine command, boolean hidden, Set<CommandLine> seen) {
    if (!seen.add(command)) {
      return;
    }
    CommandSpec spec = command.getCommandSpec();
    if (spec.findOption(OPTION) == null) {
      spec.addOption(
          OptionSpec.builder(OPTION)
              .type(boolean.class)
              .arity("0")
              .hidden(hidden)
              .description("Send pseudonymous usage analytics for this run.")
              .build());
    }
    for (CommandLine sub : command.getSubcommands().values()) {
      addOption(sub, hidden, seen);
    }
  }

  private int execute(CommandLine.IExecutionStrategy strategy, ParseResult parseResult) {
    if (isTelemetryCommand(parseResult)) {
      return strategy.execute(parseResult);
    }
    printNotice(parseResult.commandSpec().commandLine());
    startedNanos = System.nanoTime();
    int code = strategy.execute(parseResult);
    record(parseResult, code, null, null);
    return code;
  }

  private int failed(
      CommandLine.IExecutionExceptionHandler handler,
      Exception ex,
      CommandLine commandLine,
      ParseResult parseResult)
      throws Exception {
    int code = commandLine.getCommandSpec().exitCodeOnExecutionException();
    try {
      code = handler.handleExecutionException(ex, commandLine, parseResult);
      return code;
    } finally {
      record(parseResult, code, typeOf(ex), ex.getMessage());
    }
  }

  private int usageError(
      CommandLine.IParameterExceptionHandler handler,
      CommandLine.ParameterException ex,
      String[] args)
      throws Exception {
    int code = ex.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
    try {
      code = handler.handleParseException(ex, args);
      return code;
    } finally {
      if (!isTelemetryCommand(ex.getCommandLine())) {
        recordUsageError(ex, args, code);
      }
    }
  }

  private void recordUsageError(CommandLine.ParameterException ex, String[] args, int code) {
    try {
      if (Arrays.asList(args).contains(OPTION)) {
        client.optIn();
      }
      // The message echoes what the user typed, so only the exception's class is kept.
      client.record(
          CommandRun.of(code, pathOf(ex.getCommandLine()).toArray(new String[0]))
              .withErrorType(typeOf(ex)));
    } catch (RuntimeException | LinkageError e) {
      // Telemetry failures stay invisible.
    }
  }

  /** The {@code telemetry} subcommand's runs are never recorded: it is where users opt out. */
  private boolean isTelemetryCommand(ParseResult parseResult) {
    for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
      if (isTelemetryCommand(level.commandSpec().commandLine())) {
        return true;
      }
    }
    return false;
  }

  private boolean isTelemetryCommand(CommandLine command) {
    return telemetryCommand != null && command == telemetryCommand;
  }

  /** The first-run notice of opt-out mode, on the tool's stderr before the command runs. */
  private void printNotice(CommandLine commandLine) {
    try {
      String notice = client.noticeIfDue(telemetryCommand != null);
      if (notice != null) {
        commandLine.getErr().println(notice);
        commandLine.getErr().flush();
      }
    } catch (RuntimeException | LinkageError e) {
      // Telemetry failures stay invisible.
    }
  }

  private void record(ParseResult parseResult, int code, String errorType, String errorMessage) {
    if (isTelemetryCommand(parseResult)) {
      return;
    }
    try {
      List<String> path = new ArrayList<>();
      List<String> flags = new ArrayList<>();
      boolean optIn = false;
      for (ParseResult level = parseResult; level != null; level = level.subcommand()) {
        if (level != parseResult) {
          path.add(level.commandSpec().name());
        }
        for (OptionSpec option : level.matchedOptions()) {
          if (OPTION.equals(option.longestName())) {
            optIn = true;
          } else {
            flags.add(option.longestName());
          }
        }
      }
      if (optIn) {
        client.optIn();
      }
      long nanos = startedNanos == 0 ? 0 : System.nanoTime() - startedNanos;
      CommandRun run =
          new CommandRun(
              path, flags, code, Duration.ofNanos(Math.max(0, nanos)), errorType, errorMessage);
      client.record(run);
    } catch (RuntimeException | LinkageError e) {
      // Telemetry failures stay invisible.
    }
  }

  /** The simple class name, as {@link CommandRun#withError} records it. */
  private static String typeOf(Throwable error) {
    String simple = error.getClass().getSimpleName();
    return simple.isEmpty() ? error.getClass().getName() : simple;
  }

  /** The subcommand names from the root (excluded) down to {@code command}. */
  private static List<String> pathOf(CommandLine command) {
    List<String> path = new ArrayList<>();
    for (CommandLine c = command; c != null && c.getParent() != null; c = c.getParent()) {
      path.add(0, c.getCommandName());
    }
    return path;
  }
}
