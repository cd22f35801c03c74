package dev.clianalytics.core.privacy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Credentials recognized by their published prefixes (docs/privacy.md), on the boundaries of each
 * rule: the shortest token that is caught and one character shorter, the characters a key body may
 * hold, and ranges inside a longer string so that an off-by-one in {@code from} or {@code to}
 * shows.
 */
class TokenFormatsTest {
  private static boolean token(String s) {
    return TokenFormats.startsWithToken(s, 0, s.length());
  }

  @Test
  void prefixedToken_needsItsPrefixAndAtLeastItsMinimumTail() {
    // ghp_ needs 16 characters after the prefix
    assertTrue(token("ghp_" + "A1b2C3d4E5f6G7h8"));
    assertFalse(token("ghp_" + "A1b2C3d4E5f6G7h"));
    // xoxb- needs 8: the shortest Slack token is 13 characters
    assertTrue(token("xoxb-" + "12345678"));
    assertFalse(token("xoxb-" + "1234567"));
    // AccountKey= (Azure) needs 8
    assertTrue(token("AccountKey=" + "abcdefgh"));
    assertFalse(token("AccountKey=" + "abcdefg"));
    // a prefix that is only similar is not one
    assertFalse(token("ghq_" + "A1b2C3d4E5f6G7h8"));
    assertFalse(token("xoxz-" + "12345678"));
    // the range is what counts, at both ends
    String inside = "..ghp_A1b2C3d4E5f6G7h8..";
    assertTrue(TokenFormats.startsWithToken(inside, 2, 22));
    assertFalse(TokenFormats.startsWithToken(inside, 2, 21));
    assertFalse(TokenFormats.startsWithToken(inside, 1, 22));
  }

  @Test
  void awsKeyId_isAKnownFourLetterPrefixAndSixteenCapitalsOrDigits() {
    assertTrue(token("AKIAIOSFODNN7EXAMPLE"));
    assertTrue(token("ASIA0123456789ABCDEF"));
    assertTrue(token("ACCAZZZZZZZZZZZZ9999"));
    assertTrue(token("AROAAAAAAAAAAAAA0000"));
    // 19 characters: one short, even when the string goes on past the range
    assertFalse(token("AKIAIOSFODNN7EXAMPL"));
    assertFalse(TokenFormats.startsWithToken("AKIAIOSFODNN7EXAMPLE", 0, 19));
    // small letters, or characters just outside A-Z, are not a key id
    assertFalse(token("AKIAiosfodnn7example"));
    assertFalse(token("AKIAIOSFODNN7EXAMPL["));
    assertFalse(token("AKIA@IOSFODNN7EXAMPL"));
    assertFalse(token("AKIAIOSFODNN7EXAMP/E"));
    assertFalse(token("AKIAIOSFODNN7EXAMP:E"));
    // an unknown four-letter prefix
    assertFalse(token("AXYZIOSFODNN7EXAMPLE"));
  }

  @Test
  void jwt_isEyjAndADotAfterAHeaderOfAtLeastTenCharacters() {
    // the shortest: eyJ, seven more characters and the dot, nothing after it
    assertTrue(token("eyJhbGciOi."));
    assertTrue(token("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig"));
    // dashes and underscores (base64url) belong to the header
    assertTrue(token("eyJ-_-_-_-_.x"));
    // the dot at nine characters is too early; the dot is required
    assertFalse(token("eyJhbGciO.ab"));
    assertFalse(token("eyJhbGciOiJ"));
    // a character that is not base64url ends the header without a dot
    assertFalse(token("eyJhbGciOi!.x"));
    assertFalse(token("eyJhbGci+Oi.x"));
    // eyJ is case-sensitive
    assertFalse(token("eYJhbGciOi.x"));
  }

  @Test
  void ambiguousPrefix_needsATailThatLooksLikeAKey() {
    // sk- is OpenAI's and Anthropic's, and also scikit-learn's
    assertTrue(token("sk-" + "AbC123dEf456GhI789"));
    assertFalse(token("sk-learn-and-friends"));
    assertTrue(token("sk-" + "AbC123dEf456GhI7"));
    assertFalse(token("sk-" + "AbC123dEf456GhI"));
    // three letters in four must be letters or digits; exactly three in four is enough
    assertTrue(token("sk-" + "A1B2C3D4E5F6G7H.-.-."));
    assertFalse(token("sk-" + "A1B2C3D4E5F6G7.-.-.-"));
    // a run of five small letters reads as a word, unless the tail has a digit
    assertTrue(token("sk-" + "ABCDabcdABCDabcdABCD"));
    assertFalse(token("sk-" + "ABCDabcdeABCDabcdABC"));
    assertTrue(token("sk-" + "ABCDabcdeABCDabcdAB1"));
    // capitals do not make a word run
    assertTrue(token("sk-" + "ABCDEFGHIJKLMNOPQRST"));
    // an unambiguous prefix takes any tail
    assertTrue(token("ghp_" + "word-word-word-word"));
  }

  @Test
  void ambiguousPrefix_judgesOnlyTheFirst256CharactersOfTheTail() {
    String key = "A1".repeat(128);
    // the rest is punctuation: judged on its start, the tail is a key
    assertTrue(token("sk-" + key + "-".repeat(300)));
    // a tail that is mostly punctuation from its start is not
    assertFalse(token("sk-" + "-".repeat(300) + key));
  }

  @Test
  void nonAsciiOrUnknownFirstCharacter_isNoToken() {
    assertFalse(token("\u00e9ghp_A1b2C3d4E5f6G7h8"));
    assertFalse(token("\u4e2dA1b2C3d4E5f6G7h8xyz"));
    assertFalse(token("\u0080ghp_A1b2C3d4E5f6G7h8"));
    assertFalse(token("zzzzzzzzzzzzzzzzzzzz"));
    // shorter than any known token
    assertFalse(token("ghp_A1b2C3"));
  }

  @Test
  void scanning_isCounted() {
    Steps.reset();
    token("short");
    assertTrue(Steps.count() >= 1, "every call counts a step: " + Steps.count());
    // a JWT header is read to its dot, a key's tail to its end (docs/privacy.md, linear time)
    String header = "eyJ" + "a".repeat(60) + ".";
    Steps.reset();
    assertTrue(token(header + "x"));
    assertTrue(Steps.count() >= 60, "the header read is counted: " + Steps.count());
    Steps.reset();
    assertFalse(token("eyJ" + "a".repeat(15)));
    assertTrue(Steps.count() >= 18, "a header without a dot is counted: " + Steps.count());
    Steps.reset();
    assertTrue(token("sk-" + "A1".repeat(40)));
    assertTrue(Steps.count() >= 80, "the tail read is counted: " + Steps.count());
  }
}
