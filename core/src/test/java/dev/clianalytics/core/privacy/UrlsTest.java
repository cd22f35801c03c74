package dev.clianalytics.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * URLs and words with an {@code @} (docs/privacy.md): a web URL stays unless its host, a query, an
 * encoded {@code @} or {@code :}, or a path segment of 16 or more random, token, UUID or hex
 * characters gives something away; {@code name@version} and {@code name@tag} stay, other {@code
 * x@y} words are emails or URLs.
 */
class UrlsTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          https://example.com/abcdef0123456789                           | <url>
          https://example.com/x/abcdef0123456789/y                       | <url>
          https://example.com/x#abcdef0123456789                         | <url>
          https://example.com/ghp_abcdefghijklmnopqrstuvwxyz0123456789   | <url>
          https://example.com/123e4567-e89b-12d3-a456-426614174000       | <url>
          https://example.com/a;b                                        | <url>
          https://example.com/a%40b                                      | <url>
          https://example.com/a%3Ab                                      | <url>
          https://example.com/a@b                                        | <url>
          https://:80/x                                                  | <url>
          https://[::1]/x                                                | <url>
          lodash@4.17.21_bad                                             | <email>
          react@nexty                                                    | <email>
          nginx@sha256:abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789 | nginx@sha256:<secret>
          user@10.0.0.1                                                  | <email>
          git@github.com:org/repo                                        | <url>
          user:pw@host                                                   | <url>
          alice@example.com                                              | <email>
          pkg@*                                                          | <email>
          """)
  void redacted(String word, String expected) {
    assertEquals(expected, new WordRedactor().redact(word));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://example.com/abcdef012345678",
        "https://example.com/a%20b",
        "https://example.com/@scope/pkg",
        "lodash@4.17.21",
        "lodash@^4.17.21",
        "lodash@~4.x",
        "lodash@v1.2.3",
        "react@next",
        "alice@",
        "a/b@",
        "lodash@",
        "pkg@>=1.0",
        "pkg@1"
      })
  void kept_asTheSameInstance(String word) {
    assertSame(word, new WordRedactor().redact(word));
  }
}
