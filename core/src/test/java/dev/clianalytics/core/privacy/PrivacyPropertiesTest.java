package dev.clianalytics.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.privacy.SecretArbitraries.Secret;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of the privacy rules over generated secrets, messages, argv and flags. */
class PrivacyPropertiesTest {
  private static final List<String> TEMPLATES = Corpus.lines("message-templates.txt");

  /**
   * Exact for every class that must never survive: all generated secrets but the unstructured
   * high-entropy strings, whose survival rate is a measured figure (bench privacy-survival,
   * docs/privacy.md), plus the hex ones, which must never survive either.
   */
  @Property(tries = 3000)
  void secretsInsideMessages_neverSurvive(
      @ForAll("neverSurviving") Secret secret,
      @ForAll("templates") String template,
      @ForAll("wrappers") String wrapper) {
    String message = template.replace("{}", wrapper.replace("{}", secret.text()));
    String out = ErrorText.errorMessage(message);
    assertFalse(out.contains(secret.sensitive()), () -> secret + " survived in: " + out);
  }

  @Property(tries = 1500)
  void secretsInArgv_neverSurvive(
      @ForAll("secrets") Secret secret,
      @ForAll("commands") List<String> command,
      @ForAll("argvForms") String form) {
    List<String> argv = new ArrayList<>(command);
    for (String part : form.replace("{}", secret.text()).split("\u0000")) {
      argv.add(part);
    }
    Event raw = Corpus.naiveEvent(argv, String.join(" ", argv));
    String sent = Corpus.sent(raw);
    String escaped = dev.clianalytics.core.json.Json.write(secret.sensitive());
    assertFalse(
        sent.contains(escaped.substring(1, escaped.length() - 1)),
        () -> secret + " survived in: " + Privacy.client().apply(raw).toJson());
  }

  @Property(tries = 1000)
  void benignMessages_keepTheirUsefulWords(@ForAll("benign") List<String> words) {
    String message = String.join(" ", words);
    String out = ErrorText.errorMessage(message);
    for (String w : words) {
      assertTrue(out.contains(w), () -> "lost '" + w + "' in: " + out);
    }
  }

  @Property(tries = 1000)
  void redaction_isIdempotent(
      @ForAll("secrets") Secret secret, @ForAll("templates") String template) {
    String once = ErrorText.errorMessage(template.replace("{}", secret.text()));
    assertEquals(once, ErrorText.errorMessage(once));
  }

  @Property(tries = 1000)
  void blocklistedFlagNames_areDropped(
      @ForAll("flagWords") String blocked,
      @ForAll("plainWords") String other,
      @ForAll("flagShapes") String shape) {
    if (shape.equals("--%1$s%2$s") && blocked.length() < 5) {
      shape = "--%1$s-%2$s"; // glued short words ("--newcred") are names the spec keeps
    }
    String flag = String.format(shape, other, blocked);
    assertEquals(List.of(), Flags.sanitize(List.of(flag, flag + "=value")), flag);
  }

  @Property(tries = 500)
  void sanitizedFlags_areSortedUniqueAndWellFormed(@ForAll("anyArgs") List<String> args) {
    List<String> out = Flags.sanitize(args);
    assertTrue(out.size() <= 64);
    for (int i = 0; i < out.size(); i++) {
      assertTrue(out.get(i).matches("^--?[A-Za-z0-9][A-Za-z0-9_-]{0,63}$"), out.get(i));
      if (i > 0) {
        assertTrue(out.get(i - 1).compareTo(out.get(i)) < 0, out.toString());
      }
    }
  }

  @Property(tries = 500)
  void cutPaths_arePlainWordPrefixesOfAtMostSixElements(@ForAll("anyArgs") List<String> args) {
    List<String> path = new ArrayList<>(List.of("Tool"));
    path.addAll(args);
    List<String> out = CommandPaths.cut(path);
    assertEquals("tool", out.get(0));
    assertTrue(out.size() <= 6);
    for (int i = 1; i < out.size(); i++) {
      assertEquals(path.get(i), out.get(i));
      assertTrue(out.get(i).matches("^[a-z][a-z0-9_-]{0,31}$"), out.get(i));
    }
  }

  @Property(tries = 300)
  void serverHash_ofClientHash_equalsServerHash_ofRawId(@ForAll("plainWords") String rawId) {
    Privacy server = Privacy.server("0123456789abcdef-salt");
    String clientForm = Privacy.client().identifier(rawId);
    assertEquals(server.identifier(rawId), server.identifier(clientForm));
    assertTrue(clientForm.matches("[0-9a-f]{64}"));
  }

  @Provide
  Arbitrary<Secret> secrets() {
    return SecretArbitraries.any();
  }

  @Provide
  Arbitrary<Secret> neverSurviving() {
    return SecretArbitraries.neverSurviving();
  }

  @Provide
  Arbitrary<String> templates() {
    return Arbitraries.of(TEMPLATES);
  }

  @Provide
  Arbitrary<String> wrappers() {
    return Arbitraries.of("{}", "'{}'", "\"{}\"", "({})", "{}.", "{},", "[{}]", "`{}`", "{};");
  }

  @Provide
  Arbitrary<List<String>> commands() {
    return Arbitraries.of(
        List.of("git", "push"),
        List.of("npm", "publish"),
        List.of("ai-do", "run"),
        List.of("kubectl", "apply", "-f", "deploy.yaml"),
        List.of("terraform", "apply", "-auto-approve"),
        List.of("docker", "login"),
        List.of("curl", "-sS"),
        List.of("psql"));
  }

  /** How a secret reaches argv: positional, {@code --flag=value}, {@code --flag value}. */
  @Provide
  Arbitrary<String> argvForms() {
    return Arbitraries.of(
        "{}",
        "--token={}",
        "--password\u0000{}",
        "--api-key\u0000{}",
        "--config\u0000{}",
        "-H\u0000{}",
        "--secret={}",
        "--url\u0000{}");
  }

  @Provide
  Arbitrary<String> flagWords() {
    return Arbitraries.of(SecretNames.FLAG_WORDS.toArray(new String[0]))
        .flatMap(w -> Arbitraries.of(w, w.toUpperCase(java.util.Locale.ROOT), capitalize(w)));
  }

  @Provide
  Arbitrary<String> plainWords() {
    return Arbitraries.of(
        "db", "github", "access", "api", "client", "new", "aws", "ssh", "read", "x");
  }

  @Provide
  Arbitrary<String> flagShapes() {
    return Arbitraries.of("--%s-%s", "--%2$s", "-%2$s", "--%2$s-%1$s", "--%s_%s", "--%1$s%2$s");
  }

  @Provide
  Arbitrary<List<String>> anyArgs() {
    Arbitrary<String> arg =
        Arbitraries.oneOf(
            Arbitraries.of("status", "push", "--force", "-v", "--out=/tmp/x", "get", "pods", "-n"),
            SecretArbitraries.chars(SecretArbitraries.BASE62 + "-_=/.", 1, 20),
            SecretArbitraries.any().map(Secret::text));
    return arg.list().ofMaxSize(80);
  }

  @Provide
  Arbitrary<List<String>> benign() {
    Arbitrary<String> version =
        Combinators.combine(
                Arbitraries.integers().between(0, 30),
                Arbitraries.integers().between(0, 40),
                Arbitraries.integers().between(0, 99),
                Arbitraries.of("", "v", ""),
                Arbitraries.of("", "", "-rc1", "-beta.2", "-SNAPSHOT"))
            .as((a, b, c, v, suffix) -> v + a + "." + b + "." + c + suffix);
    Arbitrary<String> duration =
        Combinators.combine(
                Arbitraries.integers().between(1, 999), Arbitraries.of("ms", "s", "m", "h"))
            .as((n, unit) -> n + unit);
    Arbitrary<String> count = Arbitraries.integers().between(0, 100000).map(String::valueOf);
    Arbitrary<String> code =
        Arbitraries.of(
            "ENOENT",
            "EACCES",
            "ECONNREFUSED",
            "ETIMEDOUT",
            "E404",
            "ERESOLVE",
            "HTTP",
            "404",
            "500",
            "E0308",
            "TS2307",
            "SQLSTATE",
            "42P01",
            "exit",
            "status",
            "128",
            "137");
    Arbitrary<String> exception =
        Combinators.combine(
                Arbitraries.of("java.io.", "java.net.", "org.acme.", "", "com.example.service."),
                Arbitraries.of(
                    "File",
                    "Socket",
                    "Illegal",
                    "Null",
                    "Connection",
                    "Timeout",
                    "Json",
                    "Bean",
                    "Class"),
                Arbitraries.of(
                    "NotFound",
                    "Timeout",
                    "State",
                    "Pointer",
                    "Refused",
                    "Parse",
                    "Definition",
                    "Cast"),
                Arbitraries.of("Exception", "Error"))
            .as((pkg, a, b, suffix) -> pkg + a + b + suffix);
    Arbitrary<String> pkg =
        Combinators.combine(
                Arbitraries.of("", "", "@types/", "@babel/", "@acme/"),
                Arbitraries.of(
                    "lodash",
                    "express",
                    "react-dom",
                    "node-fetch",
                    "left-pad",
                    "serde",
                    "tokio",
                    "requests",
                    "numpy",
                    "spring-core",
                    "slf4j-api"),
                Arbitraries.of("", "", "@4.17.21", "@^18.2.0", "@latest"))
            .as((scope, name, v) -> scope + name + v);
    Arbitrary<String> prose =
        Arbitraries.of(
            "failed", "error:", "could", "not", "resolve", "after", "retry", "in", "while",
            "loading", "module", "the", "request");
    return Arbitraries.oneOf(version, duration, count, code, exception, pkg, prose)
        .list()
        .ofMinSize(1)
        .ofMaxSize(25);
  }

  private static String capitalize(String w) {
    return Character.toUpperCase(w.charAt(0)) + w.substring(1);
  }
}
