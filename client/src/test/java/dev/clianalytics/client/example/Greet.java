package dev.clianalytics.client.example;

import dev.clianalytics.client.CliAnalytics;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A tiny picocli tool instrumented with the SDK: the whole integration is the one {@code
 * CliAnalytics.instrument} line in {@link #main}. Try {@code greet hello --loud -n Ada} or {@code
 * greet bye --fail}.
 */
@Command(
    name = "greet",
    mixinStandardHelpOptions = true,
    version = "greet " + Greet.VERSION,
    description = "Says hello and goodbye.",
    subcommands = {Greet.Hello.class, Greet.Bye.class})
public final class Greet implements Runnable {
  public static final String VERSION = "1.0.0";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    CommandLine cmd = new CommandLine(new Greet());
    CliAnalytics.instrument(cmd, "greet", VERSION);
    System.exit(cmd.execute(args));
  }

  /** The uninstrumented command line, for tests and the benchmark's telemetry-off baseline. */
  public static CommandLine newCommandLine() {
    return new CommandLine(new Greet());
  }

  @Command(name = "hello", mixinStandardHelpOptions = true, description = "Greets someone.")
  static final class Hello implements Callable<Integer> {
    @Option(
        names = {"-n", "--name"},
        description = "Who to greet.")
    String name = "world";

    @Option(names = "--loud", description = "Shout.")
    boolean loud;

    @Option(names = "--times", description = "How many times.")
    int times = 1;

    @Parameters(arity = "0..*", description = "Extra words.")
    List<String> words = List.of();

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      String line = "Hello, " + name + (words.isEmpty() ? "" : " " + String.join(" ", words));
      for (int i = 0; i < times; i++) {
        spec.commandLine().getOut().println(loud ? line.toUpperCase(java.util.Locale.ROOT) : line);
      }
      return 0;
    }
  }

  @Command(
      name = "bye",
      mixinStandardHelpOptions = true,
      description = "Says goodbye, or fails trying.")
  static final class Bye implements Callable<Integer> {
    @Option(names = "--fail", description = "Throw an exception instead.")
    boolean fail;

    @Option(names = "--code", description = "Exit with this code.")
    int code;

    @Override
    public Integer call() {
      if (fail) {
        throw new IllegalStateException("cannot say goodbye to /home/ada/secret.txt");
      }
      System.out.println("Goodbye");
      return code;
    }
  }
}
