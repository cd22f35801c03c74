package dev.clianalytics.client.internal;

import dev.clianalytics.client.CommandRun;
import dev.clianalytics.client.TelemetrySettings;
import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.event.Platform;
import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.privacy.Privacy;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The SDK behind {@link dev.clianalytics.client.CliAnalytics}: hands each {@link CommandRun} to the
 * {@link Dispatcher}, whose sender turns it into a sanitized event, or, with EVENTS_DEBUG, prints
 * the event. Every public method swallows its own failures: telemetry must never break the tool.
 */
public final class Client {
  /**
   * What the priming thread sanitizes: a subcommand and a flag, so that the rules for both (the
   * flag blocklist is a large class) are loaded before the tool records its real run, which then
   * costs the tool's own thread only the warm path.
   */
  static final CommandRun PRIMING_RUN = CommandRun.of(0, "prime").withFlags("--prime");

  /**
   * What every event of the process needs, made on first use: the privacy rules and where this JVM
   * runs. A run that sends nothing never loads them. One holder rather than one per value: each
   * class costs a short-lived tool its loading (docs/client.md, "Fewer SDK classes on a run").
   */
  private static final class Rules {
    static final Privacy PRIVACY = Privacy.client();
    static final Platform PLATFORM = Platform.ofThisJvm();
    static final Platform WITHOUT_RUNTIME = new Platform(PLATFORM.os(), PLATFORM.arch(), null);
  }

  private final TelemetrySettings settings;
  private final String toolName;
  private final String toolVersion;
  private final PrintStream debugOut;
  private volatile ClientConfig config;
  private Dispatcher dispatcher;
  private String actorId;

  /**
   * Stands in for the privacy rules in this package's tests (a rule that overflows the stack);
   * always null otherwise.
   */
  static volatile UnaryOperator<Event> rulesForTest;

  public Client(TelemetrySettings settings, ClientConfig config, PrintStream debugOut) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.toolName = settings.toolName();
    this.toolVersion = settings.toolVersion();
    this.config = Objects.requireNonNull(config, "config");
    this.debugOut = Objects.requireNonNull(debugOut, "debugOut");
  }

  public ClientConfig config() {
    return config;
  }

  public TelemetrySettings settings() {
    return settings;
  }

  /**
   * The one-time notice when this is the first run of a tool in opt-out mode, or null; the notice
   * is then remembered as shown. {@code withCommand}: the tool has a {@code telemetry} subcommand
   * to name. If the notice cannot be remembered, telemetry stays off and it is shown again.
   */
  public String noticeIfDue(boolean withCommand) {
    try {
      if (config.decision() != Decision.OFF_FIRST_RUN) {
        return null;
      }
      state().withNoticeShown().write(stateFile());
      return Notice.text(settings, withCommand);
    } catch (IOException | RuntimeException e) {
      return Notice.text(settings, withCommand);
    }
  }

  /**
   * Saves {@code telemetry on} or {@code off} for this tool and returns the file it went to; after
   * {@code off} nothing more is recorded in this run.
   */
  public Path saveChoice(boolean on) throws IOException {
    Path file = stateFile();
    state().withChoice(on).write(file);
    if (!on) {
      config = config.turnedOff();
    }
    return file;
  }

  /** The file holding this tool's saved choice and notice flag. */
  public Path stateFile() {
    return ToolState.file(config.dirs().config(), toolName);
  }

  private ToolState state() {
    return ToolState.read(stateFile());
  }

  /**
   * Starts the background sender when this run sends: HTTP warms up and spooled events from earlier
   * runs go out while the tool works.
   */
  public void start() {
    try {
      if (config.decision().sends() && !config.debug()) {
        dispatcher().start();
      }
    } catch (RuntimeException | LinkageError e) {
      // Telemetry failures stay invisible.
    }
  }

  /** The invocation carried {@code --analytics}: opt in for this run unless DO_NOT_TRACK is set. */
  public void optIn() {
    config = config.withAnalyticsFlag();
  }

  /**
   * Records one run; never throws, never blocks on the network, prints only with EVENTS_DEBUG. The
   * tool's thread only takes the run and the time: the event is made (ids, privacy rules, JSON) on
   * the sender's thread, while the tool goes on to exit.
   */
  public void record(CommandRun run) {
    record(run, null);
  }

  /**
   * As {@link #record(CommandRun)} for a run that finished at {@code finishedAt} (null: now), as
   * when another process hands a finished run over to be recorded.
   */
  public void record(CommandRun run, Instant finishedAt) {
    try {
      ClientConfig c = config;
      if (c.debug()) {
        debugOut.println(
            "cli-analytics: "
                + (c.decision().sends()
                    ? "would send " + sanitized(run, finishedAt)
                    : c.decision().reason()));
        return;
      }
      if (c.decision().sends()) {
        long finished = finishedAt == null ? System.currentTimeMillis() : 0;
        dispatcher().enqueue(new Recorded(run, finishedAt, finished, rulesForTest));
      }
    } catch (RuntimeException | LinkageError | StackOverflowError | AssertionError e) {
      // Dropping one event is the price of never breaking the tool (a privacy rule that overflows
      // the stack on some hostile text included).
    }
  }

  /** Waits at most the flush timeout for queued events to be delivered. */
  public boolean flush() {
    try {
      Dispatcher d = existingDispatcher();
      return d == null || d.flush(config.flushTimeout());
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Flushes for at most the flush timeout, then spools what is unsent; idempotent. */
  public void close() {
    try {
      Dispatcher d = existingDispatcher();
      if (d != null) {
        d.close(config.flushTimeout());
      }
    } catch (RuntimeException | LinkageError e) {
      // Nothing left to do: the spool write is best effort.
    }
  }

  /**
   * A recorded run whose event is made when the sender first asks for it, once: sent and spooled,
   * it keeps one event id. The rules in force when it was recorded apply.
   */
  private final class Recorded implements Dispatcher.Deferred {
    private final CommandRun run;
    private final Instant finishedAt;
    private final long finishedMillis;
    private final UnaryOperator<Event> rules;
    private String json;
    private boolean failed;

    Recorded(CommandRun run, Instant finishedAt, long finishedMillis, UnaryOperator<Event> rules) {
      this.run = run;
      this.finishedAt = finishedAt;
      this.finishedMillis = finishedMillis;
      this.rules = rules;
    }

    @Override
    public synchronized String json() {
      if (json == null && !failed) {
        try {
          Instant at = finishedAt != null ? finishedAt : Instant.ofEpochMilli(finishedMillis);
          json = sanitized(run, at, rules);
        } catch (RuntimeException | LinkageError | StackOverflowError | AssertionError e) {
          // Dropping one event is the price of never breaking the tool (a privacy rule that
          // overflows the stack on some hostile text included).
          failed = true;
        }
      }
      return json;
    }
  }

  /** The event exactly as it would leave the machine, as one line of JSON. */
  String sanitized(CommandRun run) {
    return sanitized(run, null, rulesForTest);
  }

  private String sanitized(CommandRun run, Instant finishedAt) {
    return sanitized(run, finishedAt, rulesForTest);
  }

  private String sanitized(CommandRun run, Instant finishedAt, UnaryOperator<Event> rules) {
    List<String> path = new ArrayList<>(run.subcommands().size() + 1);
    path.add(toolName);
    path.addAll(run.subcommands());
    Duration d = run.duration();
    Event raw =
        new Event(
            (finishedAt == null ? Instant.now() : finishedAt).truncatedTo(ChronoUnit.MILLIS),
            toolName,
            toolVersion,
            path,
            run.flags(),
            run.exitCode(),
            d == null ? null : d.toMillis(),
            run.errorType(),
            run.errorMessage(),
            actorId(),
            null,
            null,
            config.ciDetected(),
            RandomIds.uuid(),
            settings.reportsRuntime() ? Rules.PLATFORM : Rules.WITHOUT_RUNTIME);
    return Json.write((rules == null ? Rules.PRIVACY.apply(raw) : rules.apply(raw)).toJson());
  }

  /** This tool's id on this machine (docs/privacy.md), as {@code telemetry status} shows it. */
  public synchronized String actorId() {
    if (actorId == null) {
      actorId = ActorId.forTool(InstallId.load(config.dirs().config()), toolName);
    }
    return actorId;
  }

  /** The event one plain run of the tool would send, as one line of JSON. */
  public String preview() {
    return sanitized(CommandRun.of(0));
  }

  private synchronized Dispatcher dispatcher() {
    if (dispatcher == null) {
      ClientConfig c = config;
      Hooks hooks = new Hooks(c);
      // No backoff until a send is to be retried: its class is then loaded, not on every run.
      dispatcher = new Dispatcher(new Transport(c), hooks, null, hooks);
    }
    return dispatcher;
  }

  /**
   * The dispatcher's spool factory and primer in one nested class rather than two anonymous ones,
   * and not lambdas: each class costs a short-lived tool its loading, and each lambda's first use
   * milliseconds of bootstrap (docs/client.md, "Fewer SDK classes on a run").
   */
  private final class Hooks implements Supplier<Spool>, Runnable {
    private final ClientConfig c;

    Hooks(ClientConfig c) {
      this.c = c;
    }

    @Override
    public Spool get() {
      return Spool.forDestination(c.dirs().cache(), c.url());
    }

    @Override
    public void run() {
      sanitized(PRIMING_RUN);
    }
  }

  private synchronized Dispatcher existingDispatcher() {
    return dispatcher;
  }
}
