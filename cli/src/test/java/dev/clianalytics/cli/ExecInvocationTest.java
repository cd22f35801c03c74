package dev.clianalytics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading a plain exec invocation without picocli, and leaving everything else to picocli. */
class ExecInvocationTest {
  static ExecInvocation parse(String line) {
    return ExecInvocation.parse(line.split(" "));
  }

  @Test
  void parse_separatorAndCommand_keepsEveryArgumentOfTheCommand() {
    assertEquals(
        new ExecInvocation(null, false, List.of("git", "commit", "--amend", "-m", "--")),
        parse("exec -- git commit --amend -m --"));
  }

  @Test
  void parse_commandWithoutSeparator_stopsReadingOptionsAtTheCommand() {
    assertEquals(
        new ExecInvocation(null, false, List.of("ls", "--analytics", "-l")),
        parse("exec ls --analytics -l"));
  }

  @Test
  void parse_toolAndAnalyticsOptions_areExecsOwn() {
    assertEquals(
        new ExecInvocation("mytool", true, List.of("true")),
        parse("exec --tool mytool --analytics -- true"));
    assertEquals(
        new ExecInvocation("other", false, List.of("true")), parse("exec --tool=other true"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "exec",
        "exec --",
        "exec --analytics",
        "exec --help",
        "exec -h -- true",
        "exec --version",
        "exec --tool",
        "exec --tool -- true",
        "exec --unknown -- true",
        "exec @args.txt",
        "exec -- true @file",
        "report --help",
        "execute -- true"
      })
  void parse_anythingButAPlainExec_isLeftToPicocli(String line) {
    assertNull(parse(line));
  }
}
