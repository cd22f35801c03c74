package dev.clianalytics.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ArgvTest {
  @Test
  void parse_unknownTool_keepsToolAndFirstSubcommand() {
    Argv argv = Argv.parse(List.of("terraform", "apply", "prod", "-auto-approve"));
    assertEquals(List.of("terraform", "apply"), argv.commandPath());
    assertEquals(List.of("-auto-approve"), argv.flags());
  }

  @Test
  void parse_depth_keepsThatManySubcommands() {
    Argv argv = Argv.parse(List.of("kubectl", "rollout", "status", "deployment/web"), 2);
    assertEquals(List.of("kubectl", "rollout", "status"), argv.commandPath());
  }

  @Test
  void parse_stopsAtTheFirstFlag() {
    Argv argv = Argv.parse(List.of("git", "-C", "/home/alice/repo", "status"), 3);
    assertEquals(List.of("git"), argv.commandPath());
    assertEquals(List.of("-C"), argv.flags());
  }

  @Test
  void parse_secretFlagsAndValues_neverAppear() {
    Argv argv =
        Argv.parse(
            List.of("mysql", "-u", "root", "-pHunter2", "--password=s3cret", "--host", "10.0.0.5"));
    assertEquals(List.of("mysql"), argv.commandPath());
    assertEquals(List.of("--host", "-p", "-u"), argv.flags());
  }

  @Test
  void parse_ignoresEverythingAfterDoubleDash() {
    Argv argv = Argv.parse(List.of("npm", "run", "test", "--", "--watch"), 2);
    assertEquals(List.of("npm", "run", "test"), argv.commandPath());
    assertEquals(List.of(), argv.flags());
  }

  @Test
  void parse_depthOutOfRange_isRefusedWithTheRange() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Argv.parse(List.of("git"), 6));
    assertEquals("depth must be between 0 and 5, was 6", e.getMessage());
  }
}
