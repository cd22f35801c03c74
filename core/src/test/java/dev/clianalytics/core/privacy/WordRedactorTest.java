package dev.clianalytics.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One word of an error message at a time (docs/privacy.md): what it becomes, whether it is kept as
 * the same instance, and whether it announces a value or a credential in the next word.
 */
class WordRedactorTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          --token=PASSWORD:         | --token=<secret>:
          --token=hunter2:          | --token=<secret>:
          --token=--client-secret   | --token=<secret>
          a=b=c=d=e=f=g=h=i=j=k     | a=b=c=d=e=f=g=<secret>=<secret>
          jdbc:postgresql://h/db    | <url>
          JDBC:x                    | <url>
          mongodb+srv://u:p@h/db    | <url>
          mongodb+srv:x             | <url>
          file:/etc/passwd          | <path>
          mailto:a@b.c              | <email>
          x://y                     | <url>
          :x://y                    | :<url>
          =https://a.b/c?k=v        | =<url>
          --url=https://u:p@h/x     | --url=<url>
          token=https://a.b/c       | token=<secret>
          prefix_https://u:p@h/x    | prefix_<url>
          x=https://u:p@a.b/c       | x=<url>
          foo/https://a.b/c         | <path>https://a.b/c
          foo/https://u:p@a.b/c     | <path><url>
          see:https://a.b/c?token=1 | see:<url>
          ~                         | <path>
          ~x                        | <path>
          ~abcdefghij               | <path>
          :::30a0                   | <ip>
          ::1                       | <ip>
          token:abc                 | token:<secret>
          pass:hunter2              | pass:<secret>
          auth:x                    | auth:<secret>
          a=1&token=abc             | a=1&token=<secret>
          token=abc&x=1             | token=<secret>&x=1
          a=10.1.2.3&&b=1           | a=<ip>&&b=1
          xversion=10.1.2.3         | xversion=<ip>
          Xver=10.1.2.3             | Xver=<ip>
          vers=10.1.2.3             | vers=<ip>
          ersion=10.1.2.3           | ersion=<ip>
          name=10.1.2.3             | name=<ip>
          10.1.2.3=x                | <ip>=x
          hello:10.1.2.3            | hello:<ip>
          name=/etc/passwd          | name=<path>
          /etc/passwd=x             | <path>
          a@b                       | <email>
          password=secret123        | password=<secret>
          PASSWORD=hunter2!         | PASSWORD=<secret>!
          --password=x              | --password=<secret>
          key=abc                   | key=<secret>
          token=abc:                | token=<secret>:
          token=abc=                | token=<secret>=
          id=token=abc              | id=token=<secret>
          """)
  void redactedWords(String word, String expected) {
    assertEquals(expected, new WordRedactor().redact(word));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/",
        "-",
        "a",
        "abcdefghij",
        "abcdefghijk",
        ":::3000",
        ":::",
        ":::3000x",
        "hello:world",
        "mongodb:x",
        "a&b=c",
        "&b=c",
        "a&b",
        "x=1&",
        "Version=13.0.0.0",
        "version=10.1.2.3",
        "Version:=10.1.2.3",
        "my-version=10.1.2.3",
        "FILE_VERSION=1.2.3.4",
        "ver=10.1.2.3",
        "file_version=10.1.2.3",
        "-p=x",
        "--verbose=x",
        "--secret",
        "pass:https://a.b/c",
        "x=https://a.b/c",
        "ab:https://a.b",
        "https://a.b/c.",
        "abcdefghi~",
        "a~",
        "@x",
        "x@",
        "=x",
        "end.",
        "...",
        ":",
        "=",
        "x:"
      })
  void keptWords_areTheSameInstance_andAnnounceNothing(String word) {
    WordRedactor r = new WordRedactor();
    assertSame(word, r.redact(word));
    assertFalse(r.valuePending, "value pending after " + word);
    assertFalse(r.credentialPending, "credential pending after " + word);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "password=",
        "password:",
        "token:",
        "api_key:",
        "API_KEY=",
        "key=",
        "--token=",
        "password=.",
        "--verbose=PASSWORD:",
        "--verbose=token:",
        "x=token:",
        "abc=token="
      })
  void namesOfSecrets_announceTheValueThatFollows(String word) {
    WordRedactor r = new WordRedactor();
    assertSame(word, r.redact(word));
    assertTrue(r.valuePending, word);
    assertFalse(r.credentialPending, word);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          --token=PASSWORD:       | --token=<secret>:
          --token=--client-secret | --token=<secret>
          password=secret123      | password=<secret>
          """)
  void hiddenValuesThatAreThemselvesSecretNames_announceOneMore(String word, String expected) {
    WordRedactor r = new WordRedactor();
    assertEquals(expected, r.redact(word));
    assertTrue(r.valuePending, word);
  }

  @ParameterizedTest
  @ValueSource(strings = {"key:", "Key:", "pass:", "auth:"})
  void weakNamesWithAColon_waitForACredentialShapedWord(String word) {
    WordRedactor r = new WordRedactor();
    assertSame(word, r.redact(word));
    assertFalse(r.valuePending, word);
    assertTrue(r.credentialPending, word);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"ghp_abcdefghijklmnopqrstuvwxyz0123456789:", "--token=hunter2:", "hello:"})
  void tokensAndPlainWordsWithAColon_announceNothing(String word) {
    WordRedactor r = new WordRedactor();
    r.redact("password=");
    r.redact(word);
    assertFalse(r.valuePending, word);
    assertFalse(r.credentialPending, word);
  }

  /**
   * A word whose URL may stay but whose prefix is redacted once repeated the prefix in the clear
   * ({@code <path>foo/https://...}), and a kept URL after {@code x=} doubled the prefix.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          open cache/https://registry.npmjs.org/lodash failed | open <path>https://registry.npmjs.org/lodash failed
          bad value x=https://example.com/a                   | bad value x=https://example.com/a
          """)
  void urlAfterAPrefix_isNotRepeated(String message, String expected) {
    assertEquals(expected, ErrorText.errorMessage(message));
  }
}
