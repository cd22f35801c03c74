package dev.clianalytics.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.event.Event;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the privacy rules over the 21,000 real shell commands of the KYPO dataset (Švábenský et al.,
 * Data in Brief 38 (2021), doi:10.1016/j.dib.2021.107398), building events as a naive client would:
 * the command split on whitespace as command path and flags, the command with the host, address,
 * working directory and user as error message and type. No IP address, path or password-looking
 * value may survive.
 */
class KypoDatasetTest {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

  private static List<KypoDataset.Command> commands;
  private static List<String> sent;

  @BeforeAll
  static void sanitizeEveryCommand() {
    commands = KypoDataset.commands(KypoDataset.locate());
    sent = new ArrayList<>(commands.size());
    for (KypoDataset.Command c : commands) {
      sent.add(Corpus.sent(naiveEvent(c)));
    }
  }

  static Event naiveEvent(KypoDataset.Command c) {
    List<String> argv = Arrays.stream(c.cmd().strip().split("\\s+")).toList();
    String message =
        c.cmd()
            + " (on "
            + c.hostname()
            + " "
            + c.ip()
            + " in "
            + c.wd()
            + " as "
            + c.username()
            + ")";
    return Corpus.naiveEvent(argv, message);
  }

  @Test
  void dataset_isTheFullCopy() {
    assertTrue(commands.size() > 20_000, "commands read: " + commands.size());
    int ips = 0;
    int paths = 0;
    int passwords = 0;
    for (KypoDataset.Command c : commands) {
      Matcher m = IPV4.matcher(c.cmd() + " " + c.ip());
      while (m.find()) {
        ips++;
      }
      paths += Oracle.paths(c).size();
      passwords += Oracle.passwordLooking(c.cmd()).size();
    }
    // The figures the privacy documentation quotes; the other tests assert none survives.
    System.out.printf(
        "KYPO: %d commands, %d IPv4 addresses, %d paths, %d password-looking values checked%n",
        commands.size(), ips, paths, passwords);
    assertTrue(ips > 20_000 && paths > 10_000 && passwords > 0);
  }

  @Test
  void noIpAddress_survives() {
    List<String> leaks = new ArrayList<>();
    for (String s : sent) {
      Matcher m = IPV4.matcher(s);
      if (m.find()) {
        leaks.add(m.group() + " in " + s);
      }
    }
    report("IPv4 addresses", leaks);
  }

  @Test
  void noPath_survives() {
    List<String> leaks = new ArrayList<>();
    for (int i = 0; i < commands.size(); i++) {
      for (String path : Oracle.paths(commands.get(i))) {
        if (Oracle.containsWord(sent.get(i), path)) {
          leaks.add(path + " in " + sent.get(i));
        }
      }
    }
    report("paths", leaks);
  }

  @Test
  void noPasswordLookingValue_survives() {
    List<String> leaks = new ArrayList<>();
    for (int i = 0; i < commands.size(); i++) {
      for (String secret : Oracle.passwordLooking(commands.get(i).cmd())) {
        if (Oracle.containsWord(sent.get(i), secret)) {
          leaks.add(secret + " in " + sent.get(i));
        }
      }
    }
    report("password-looking values", leaks);
  }

  private static void report(String what, List<String> leaks) {
    Set<String> distinct = new LinkedHashSet<>(leaks);
    assertEquals(
        List.of(),
        new ArrayList<>(distinct).subList(0, Math.min(10, distinct.size())),
        leaks.size() + " " + what + " survived");
  }

  /** An independent, deliberately simple idea of what must not leave the machine. */
  static final class Oracle {
    private static final Pattern TOKEN = Pattern.compile("[^\\s'\"`=;,&|()\\[\\]{}<>]+");
    private static final Pattern SECRET_FLAG =
        Pattern.compile(
            "(?i)--(?:password|passwd|pass|token|secret|api-key)[ =]['\"]?([^\\s'\"]{4,})");
    private static final Pattern SECRET_ASSIGNMENT =
        Pattern.compile(
            "(?i)(?:password|passwd|pwd|pass|secret|token|api_?key)\\s*[=:]\\s*['\"]?([^\\s'\"&;]+)");

    static Set<String> paths(KypoDataset.Command c) {
      Set<String> out = new LinkedHashSet<>();
      if (c.wd().length() > 1) {
        out.add(c.wd());
      }
      Matcher m = TOKEN.matcher(c.cmd());
      while (m.find()) {
        String t = m.group();
        boolean rooted =
            (t.startsWith("/") || t.startsWith("~/"))
                && t.length() > 2
                && !t.substring(1).matches("[/0-9]*");
        if (rooted && !t.contains("://")) {
          out.add(t);
        }
      }
      return out;
    }

    /** Whether {@code text} holds {@code word} not glued to other word or path characters. */
    static boolean containsWord(String text, String word) {
      return Pattern.compile("(?<![\\w./~-])" + Pattern.quote(word) + "(?![\\w/-])")
          .matcher(text)
          .find();
    }

    /**
     * Assigned to a secret name ({@code password=x}, {@code --password x}), or shaped like a
     * generated password: 12+ letters and digits (no word separators) with upper case, lower case
     * and two digits, hex of 16+, or a crypt hash.
     */
    static Set<String> passwordLooking(String cmd) {
      Set<String> out = new LinkedHashSet<>();
      Matcher a = SECRET_ASSIGNMENT.matcher(cmd);
      while (a.find()) {
        if (a.group(1).length() >= 4) {
          out.add(a.group(1));
        }
      }
      Matcher f = SECRET_FLAG.matcher(cmd);
      while (f.find()) {
        out.add(f.group(1));
      }
      Matcher m = TOKEN.matcher(cmd);
      while (m.find()) {
        String t = m.group();
        boolean keyChars = t.matches("[A-Za-z0-9+/]{12,}");
        boolean mixed =
            t.matches(".*[a-z].*") && t.matches(".*[A-Z].*") && t.matches(".*[0-9].*[0-9].*");
        if ((keyChars && mixed)
            || t.matches("[0-9a-fA-F]{16,}")
            || t.matches("\\$[0-9a-z]{1,2}\\$.+")) {
          out.add(t);
        }
      }
      return out;
    }
  }
}
