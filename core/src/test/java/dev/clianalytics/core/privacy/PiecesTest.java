package dev.clianalytics.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The last step of a word's redaction (docs/privacy.md): runs of key-like characters that are
 * tokens, UUIDs or random become {@code <secret>}, dotted quads inside a run become {@code <ip>},
 * everything else is kept as the same instance.
 */
class PiecesTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          1.2.3.4                                       | <ip>
          1.2.3.4.                                      | <ip>.
          1.2.3.4...                                    | <ip>...
          x1.2.3.4                                      | x<ip>
          vv1.2.3.4                                     | vv<ip>
          a:1.2.3.4:b                                   | a:<ip>:b
          1.2.3.4.5.6.7.8                               | <ip>.5.6.7.8
          10.0.0.1-10.0.0.2                             | <ip>-<ip>
          1.1.1.1#2.2.2.2                               | <ip>#<ip>
          11.2.3.4                                      | <ip>
          9.1.2.3.4                                     | <ip>.4
          123e4567-e89b-12d3-a456-426614174000          | <secret>
          x:123e4567-e89b-12d3-a456-426614174000        | x:<secret>
          ghp_abcdefghijklmnopqrstuvwxyz0123456789      | <secret>
          foo/ghp_abcdefghijklmnopqrstuvwxyz0123456789  | <secret>
          foo-ghp_abcdefghijklmnopqrstuvwxyz0123456789  | <secret>
          foo_ghp_abcdefghijklmnopqrstuvwxyz0123456789  | <secret>
          foo.ghp_abcdefghijklmnopqrstuvwxyz0123456789  | <secret>
          foo=ghp_abcdefghijklmnopqrstuvwxyz0123456789  | <secret>
          foo+ghp_abcdefghijklmnopqrstuvwxyz0123456789  | <secret>
          foo$ghp_abcdefghijklmnopqrstuvwxyz0123456789  | <secret>
          build-aB3dE5fG7hJ9kL1mN2pQ                    | <secret>
          build-aB3dE5fG7hJ9kL1m                        | <secret>
          build-aB3dE5fG7hJ9kL1                         | <secret>
          aB3dE5fG7hJ9kL1mN2pQ                          | <secret>
          $6$salt$aB3dE5fG7hJ9kL1mN2pQ                  | <secret>
          AKIAIOSFODNN7EXAMPLE                          | <secret>
          sk-abcdefghijklmnopqrstuvwxyz                 | <secret>
          """)
  void redactedRuns(String word, String expected) {
    assertEquals(expected, Pieces.redact(word));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "v1.2.3.4",
        "1.2.3",
        "aB3dE5fG7h",
        "aB3dE5fG7hJ",
        "x#y",
        "a@b:c",
        ".",
        "..",
        "a.",
        "hello-world-this-is-fine",
        "xAKIAIOSFODNN7EXAMPLE"
      })
  void keptWords_areTheSameInstance(String word) {
    assertSame(word, Pieces.redact(word));
  }

  @Test
  void pieceCharacters_areAlphanumericsAndTheSeparatorsOfKeys() {
    for (char c : "aZ09_-.+/=$".toCharArray()) {
      assertTrue(Pieces.isPieceChar(c), String.valueOf(c));
    }
    for (char c : ":@#%&*!~,".toCharArray()) {
      assertFalse(Pieces.isPieceChar(c), String.valueOf(c));
    }
  }
}
