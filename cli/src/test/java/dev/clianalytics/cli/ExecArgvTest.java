package dev.clianalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clianalytics.client.CommandRun;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExecArgvTest {
  @Test
  void run_plainFirstWord_isTheOnlySubcommandKept() {
    CommandRun run = ExecArgv.run(List.of("git", "remote", "add", "origin", "url"), 0);
    assertEquals(List.of("remote"), run.subcommands());
  }

  @Test
  void run_flagFirst_keepsNoSubcommand() {
    assertEquals(List.of(), ExecArgv.run(List.of("git", "-C", "dir", "status"), 0).subcommands());
    assertEquals(List.of(), ExecArgv.run(List.of("tool", "Deploy"), 0).subcommands());
  }

  @Test
  void flagNames_dropValuesAndStopAtDoubleDash() {
    assertEquals(
        List.of("--out", "-v", "--force"),
        ExecArgv.flagNames(List.of("--out=/tmp/x", "-v", "file", "--force", "--", "--not-a-flag")));
  }

  @Test
  void toolName_isTheFileNameWithoutLauncherExtension() {
    assertEquals("terraform", ExecArgv.toolName("/usr/local/bin/terraform"));
    assertEquals("npm", ExecArgv.toolName("npm.cmd"));
  }
}
