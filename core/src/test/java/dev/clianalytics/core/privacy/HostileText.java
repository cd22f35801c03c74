package dev.clianalytics.core.privacy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * A jqwik generator of hostile text for the privacy rules and the JSON readers, standing in for a
 * coverage-guided fuzzer (Jazzer is not served where CI runs): strings built from the fragments
 * each rule reacts to ({@code =}, {@code ://}, {@code @}, quotes, escapes, flags, secret names,
 * token prefixes, PEM and connection-string markers, placeholders), repeated runs of one fragment
 * (the shape that made rules recurse or rescan), random characters and arbitrary Unicode.
 */
final class HostileText {
  private HostileText() {}

  /** What the rules branch on, so that generated text reaches deep into them. */
  static final List<String> FRAGMENTS =
      List.of(
          "=",
          "==",
          "name=",
          "password=",
          "--token",
          "--token=",
          "-p",
          "-pX",
          "-u",
          "-uroot",
          "://",
          "https://",
          "postgres://",
          "jdbc:",
          "mongodb+srv:",
          "file:",
          "mailto:",
          "@",
          "a@",
          "@sha256:",
          ":",
          "::",
          "/",
          "./",
          "../",
          "~",
          "\\\\",
          "C:\\\\",
          "\\\\\\\\",
          ".",
          "&",
          "?",
          "#",
          "%40",
          ";",
          ",",
          "|",
          "'",
          "\"",
          "`",
          "\\\"",
          "\u2018",
          "\u2019",
          "\u201C",
          "\u201D",
          "(",
          ")",
          "[",
          "]",
          "{",
          "}",
          "<",
          ">",
          "<secret>",
          "<path>",
          "<url>",
          "<ip>",
          "<email>",
          "Bearer",
          "Basic",
          "Authorization:",
          "Cookie:",
          "pass",
          "key:",
          "auth",
          " is ",
          " for ",
          " flag: ",
          " option ",
          " got ",
          "Given:",
          "version",
          "Version=",
          "-----BEGIN",
          "-----END",
          "-----",
          "Server=",
          "Password=",
          "User Id=",
          "sk-",
          "eyJ",
          "ghp_",
          "AKIA",
          "xoxb-",
          "npm_",
          "10.0.0.1",
          "::1",
          "1.2.3.4.5",
          "ab:cd:ef:01:23:45",
          "0x",
          "$6$",
          "+",
          "_",
          "-",
          "--",
          " ",
          "  ",
          "\t",
          "\n",
          "\r\n",
          "\u00a0",
          "\u2028",
          "\uD83D\uDE00",
          "é",
          "\u0000",
          "A",
          "z",
          "Z9",
          "0",
          "1234567",
          "deadbeefcafe",
          "xvyhrQzJ");

  private static final Arbitrary<String> FRAGMENT = Arbitraries.of(FRAGMENTS);

  /** Fragments and random characters mixed, up to {@code maxParts} pieces. */
  static Arbitrary<String> text(int maxParts) {
    Arbitrary<String> piece =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, FRAGMENT),
            net.jqwik.api.Tuple.of(2, Arbitraries.strings().ofMinLength(1).ofMaxLength(12)),
            net.jqwik.api.Tuple.of(
                1, Arbitraries.strings().alpha().numeric().ofMinLength(8).ofMaxLength(40)));
    return piece.list().ofMaxSize(maxParts).map(parts -> String.join("", parts));
  }

  /** One short hostile unit repeated many times: {@code name=name=...}, {@code a@a@...}. */
  static Arbitrary<String> repeated(int minTimes, int maxTimes) {
    return net.jqwik.api.Combinators.combine(
            text(4).filter(s -> !s.isEmpty()), Arbitraries.integers().between(minTimes, maxTimes))
        .as((unit, times) -> unit.repeat(times));
  }

  /** Either kind. */
  static Arbitrary<String> any() {
    return Arbitraries.oneOf(text(60), repeated(50, 2_000));
  }
}
