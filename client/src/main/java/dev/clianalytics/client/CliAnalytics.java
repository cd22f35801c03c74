package dev.clianalytics.client;

import dev.clianalytics.client.internal.Client;
import dev.clianalytics.client.internal.ClientConfig;
import dev.clianalytics.client.internal.PicocliInstrumentation;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Opt-in usage events for a command-line tool, in a few lines:
 *
 * <pre>{@code
 * CliAnalytics analytics = CliAnalytics.start("mytool", "1.4.0", args);
 * analytics.recordEvent(CommandRun.of(exitCode, "deploy").withFlags("--force"));
 * }</pre>
 *
 * <p>Off unless the user opts in ({@code mytool telemetry on}, {@code MYTOOL_TELEMETRY=1}, {@code
 * EVENTS_ENABLED} truthy or {@code --analytics} among the arguments) or the maintainer chose
 * opt-out mode in {@link TelemetrySettings}, always off with {@code DO_NOT_TRACK}, and never
 * throws, blocks or prints (but the one-time notice of opt-out mode). Events are sent from a daemon
 * thread; at exit (shutdown hook or {@link #close()}) the SDK waits at most {@code
 * EVENTS_FLUSH_TIMEOUT_MS} (default 300) and spools the rest for a later run.
 */
public final class CliAnalytics implements AutoCloseable {
  private final Client client;
  private final Thread shutdownHook;

  private CliAnalytics(Client client, boolean hook) {
    this.client = client;
    this.shutdownHook = hook ? new ExitHook(client) : null;
    if (shutdownHook != null) {
      try {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
      } catch (IllegalStateException | SecurityException e) {
        // Already shutting down: close() is still available to the caller.
      }
    }
    client.start();
  }

  /**
   * Starts the SDK for this process from the real environment; {@code args} are the tool's
   * arguments, only checked for {@code --analytics}. Registers a shutdown hook that flushes.
   */
  public static CliAnalytics start(String toolName, String toolVersion, String... args) {
    return start(TelemetrySettings.builder(toolName, toolVersion).build(), args);
  }

  /**
   * As {@link #start(String, String, String...)}, reading the variables from {@code environment}.
   */
  public static CliAnalytics start(
      String toolName, String toolVersion, List<String> args, Map<String, String> environment) {
    return start(TelemetrySettings.builder(toolName, toolVersion).build(), args, environment);
  }

  /**
   * Starts the SDK with what the maintainer built in (endpoint, token, opt-out mode); {@code args}
   * are only checked for {@code --analytics}. In opt-out mode the first run prints the one-time
   * notice on stderr and sends nothing.
   */
  public static CliAnalytics start(TelemetrySettings settings, String... args) {
    return start(settings, Arrays.asList(args), System.getenv());
  }

  /** As {@link #start(TelemetrySettings, String...)}, reading variables from {@code env}. */
  public static CliAnalytics start(
      TelemetrySettings settings, List<String> args, Map<String, String> env) {
    CliAnalytics analytics = create(settings, args, env);
    String notice = analytics.client.noticeIfDue(false);
    if (notice != null) {
      System.err.println(notice);
    }
    return analytics;
  }

  private static CliAnalytics create(
      TelemetrySettings settings, List<String> args, Map<String, String> env) {
    ClientConfig config;
    try {
      config = ClientConfig.from(settings, Map.copyOf(env), List.copyOf(args));
    } catch (RuntimeException e) {
      config = ClientConfig.off();
    }
    return new CliAnalytics(new Client(settings, config, System.err), true);
  }

  /**
   * Instruments a picocli command line: adds {@code --analytics} to every command and a {@code
   * telemetry on|off|status} subcommand, and records each {@code execute} with its exact subcommand
   * path, matched option names, exit code, duration and exception class. Needs picocli on the class
   * path (the SDK does not bring it).
   */
  public static CliAnalytics instrument(
      CommandLine commandLine, String toolName, String toolVersion) {
    return instrument(commandLine, TelemetrySettings.builder(toolName, toolVersion).build());
  }

  /** As {@link #instrument(CommandLine, String, String)}, reading variables from {@code env}. */
  public static CliAnalytics instrument(
      CommandLine commandLine, String toolName, String toolVersion, Map<String, String> env) {
    return instrument(commandLine, TelemetrySettings.builder(toolName, toolVersion).build(), env);
  }

  /**
   * As {@link #instrument(CommandLine, String, String)} with what the maintainer built in; in
   * opt-out mode the first run prints the one-time notice on stderr and sends nothing.
   */
  public static CliAnalytics instrument(CommandLine commandLine, TelemetrySettings settings) {
    return instrument(commandLine, settings, System.getenv());
  }

  /** As {@link #instrument(CommandLine, TelemetrySettings)}, reading variables from {@code env}. */
  public static CliAnalytics instrument(
      CommandLine commandLine, TelemetrySettings settings, Map<String, String> env) {
    CliAnalytics analytics = create(settings, List.of(), env);
    try {
      PicocliInstrumentation.install(commandLine, analytics.client);
    } catch (RuntimeException | LinkageError e) {
      // An unusual command model (or picocli version) leaves the tool uninstrumented, not broken.
    }
    return analytics;
  }

  /** Flushes at exit; a class rather than a method reference, which costs a lambda bootstrap. */
  private static final class ExitHook extends Thread {
    private final Client client;

    ExitHook(Client client) {
      super("cli-analytics-exit");
      this.client = client;
    }

    @Override
    public void run() {
      client.close();
    }
  }

  /** Whether this run sends events (turned on, not DO_NOT_TRACK, an endpoint set). */
  public boolean isEnabled() {
    return client.config().decision().sends();
  }

  /** Queues one event; never throws, never blocks on the network, never prints (but debug). */
  public void recordEvent(CommandRun run) {
    client.record(run);
  }

  /**
   * As {@link #recordEvent(CommandRun)} for a run that finished at {@code finishedAt} rather than
   * now: the event's timestamp, for a helper process that records a run after it ended.
   */
  public void recordEvent(CommandRun run, Instant finishedAt) {
    client.record(run, finishedAt);
  }

  /** Waits at most {@code EVENTS_FLUSH_TIMEOUT_MS} for queued events to be delivered. */
  public boolean flush() {
    return client.flush();
  }

  /** Flushes for at most the flush timeout, then spools what is unsent for a later run. */
  @Override
  public void close() {
    client.close();
    if (shutdownHook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException | SecurityException e) {
        // Called from within shutdown: the hook has run or is running, which is what we want.
      }
    }
  }
}
