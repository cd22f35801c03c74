package dev.clianalytics.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code cli-analytics} command: every subcommand of README.md. */
@Command(
    name = "cli-analytics",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Privacy-first workflow and outcome intelligence for command-line tools.",
    subcommands = {
      ServeCommand.class,
      DemoCommand.class,
      MigrateCommand.class,
      GenerateSampleCommand.class,
      PostEventsCommand.class,
      ImportCommand.class,
      InferCommand.class,
      ReportCommand.class,
      NsmCommand.class,
      SanitizeCommand.class,
      ExecCommand.class,
      ActorsCommand.class,
      BackupCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    // A plain exec skips picocli: it wraps every run of another program, so it must start fast.
    if (args.length == 1 && args[0].equals(ExecRecorder.COMMAND)) {
      System.exit(
          ExecRecorder.run(System.in, System.getenv())); // the launcher's exec, docs/exec.md
    }
    if (args.length == 1 && args[0].equals(AotTraining.COMMAND)) {
      AotTraining.run(); // builds the distribution's AOT cache, docs/install.md
    }
    ExecInvocation exec = ExecInvocation.parse(args);
    if (exec != null) {
      System.exit(exec.run());
    }
    System.exit(run(args));
  }

  /** Runs the command and returns its exit code: 0 ok, 1 failure, 2 usage error. */
  public static int run(String... args) {
    return newCommandLine().execute(args);
  }

  static CommandLine newCommandLine() {
    CommandLine cmd = new CommandLine(new Main());
    cmd.setExecutionExceptionHandler(
        (ex, commandLine, parseResult) -> {
          commandLine.getErr().println("error: " + Errors.oneLine(ex));
          return 1;
        });
    // exec passes everything after CMD to CMD, options included, even without "--".
    cmd.getSubcommands().get("exec").setStopAtPositional(true);
    return cmd;
  }
}
