package dev.clianalytics.reliability;

import dev.clianalytics.client.CliAnalytics;
import dev.clianalytics.client.TelemetrySettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A small picocli tool instrumented with the SDK under any name, run in this JVM as one process
 * would run it: {@code deploy [--force] [--region R] TARGET} fails with an exception for target
 * {@code broken}.
 */
@Command(name = "tiny", subcommands = TinyTool.Deploy.class)
final class TinyTool implements Runnable {
  @Override
  public void run() {}

  @Command(name = "deploy")
  static final class Deploy implements Callable<Integer> {
    @Option(names = "--force")
    boolean force;

    @Option(names = "--region")
    String region;

    @Parameters(index = "0")
    String target;

    @Override
    public Integer call() {
      if (target.equals("broken")) {
        throw new IllegalStateException("cannot reach https://user:hunter2@deploy.example.com/x");
      }
      return 0;
    }
  }

  /** What one run printed. */
  record Run(int exitCode, String out, String err) {
    private static final Pattern ACTOR = Pattern.compile("Actor id:\\s+([0-9a-f]{64})");

    /** The actor id a {@code telemetry status} run printed. */
    String actorId() {
      Matcher m = ACTOR.matcher(out);
      if (!m.find()) {
        throw new AssertionError("no actor id in: " + out);
      }
      return m.group(1);
    }
  }

  /** One run of the tool named {@code name} with {@code env} as its environment. */
  static Run run(String name, Map<String, String> env, String... args) {
    return run(TelemetrySettings.builder(name, "3.1.0").build(), env, args);
  }

  static Run run(TelemetrySettings settings, Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new TinyTool());
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    int code;
    CliAnalytics analytics = CliAnalytics.instrument(cmd, settings, env);
    try {
      code = cmd.execute(args);
    } finally {
      analytics.close();
    }
    return new Run(code, out.toString(), err.toString());
  }
}
