package dev.clianalytics.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which names announce a secret (docs/privacy.md, "Names"), rule by rule: strong parts and words,
 * weak words in assignments and compounds, descriptive words and class names, and the flag
 * blocklist with its length limits.
 */
class SecretNamesTest {
  @Test
  void strongParts_anywhereInTheName_unlessTheStemOfALongerWord() {
    assertTrue(SecretNames.isSecret("PGPASSWORD", false));
    assertTrue(SecretNames.isSecret("x-api-key", false));
    assertTrue(SecretNames.isSecret("secretkey", false));
    assertTrue(SecretNames.isSecret("tokenid", false));
    assertTrue(SecretNames.isSecret("token", false));
    assertTrue(SecretNames.isSecret("Authorization", false));
    assertFalse(SecretNames.isSecret("tokenizer", false));
    assertFalse(SecretNames.isSecret("tokenized", false));
    assertFalse(SecretNames.isSecret("secretary", false));
    assertFalse(SecretNames.isSecret("passwordless", false));
    assertFalse(SecretNames.isSecret("tokening", false));
    // the stem of a longer word once, the part on its own later
    assertTrue(SecretNames.isSecret("tokenizer_token", false));
  }

  @Test
  void strongWords_countWhole_weakWordsOnlyInAssignmentsOrNextToAQualifier() {
    assertTrue(SecretNames.isSecret("pwd", false));
    assertTrue(SecretNames.isSecret("DB_PWD", false));
    assertTrue(SecretNames.isSecret("auth", false));
    assertFalse(SecretNames.isSecret("pwdx", false));
    assertTrue(SecretNames.isSecret("key", true));
    assertFalse(SecretNames.isSecret("key", false));
    assertTrue(SecretNames.isSecret("api_key", false));
    assertTrue(SecretNames.isSecret("Private-Key", false));
    assertTrue(SecretNames.isSecret("sshKey", false));
    assertFalse(SecretNames.isSecret("cache_key", false));
    assertTrue(SecretNames.isSecret("cache_key", true));
    assertFalse(SecretNames.isSecret("monkey", true));
    assertFalse(SecretNames.isSecret("hello", true));
    assertFalse(SecretNames.isSecret("--", true));
    // brackets are neither letters nor cues
    assertTrue(SecretNames.isSecret("x{token}", true));
    assertTrue(SecretNames.isSecret("x[auth]", true));
  }

  @Test
  void descriptiveWordsAndClassNames_sayTheValueIsNotTheSecret() {
    assertFalse(SecretNames.isSecret("max_tokens", true));
    assertFalse(SecretNames.isSecret("token_count", true));
    assertFalse(SecretNames.isSecret("password_file", true));
    assertFalse(SecretNames.isSecret("TokenExpiredError", false));
    assertFalse(SecretNames.isSecret("NoCredentialsError", false));
    assertFalse(SecretNames.isSecret("KeyError", false));
    assertTrue(SecretNames.isSecret("ErrorToken", false));
  }

  @Test
  void weakWord_isOneWeakWordInAnyCase() {
    assertTrue(SecretNames.isWeakWord("KEY"));
    assertTrue(SecretNames.isWeakWord("Pass"));
    assertTrue(SecretNames.isWeakWord("sig"));
    assertFalse(SecretNames.isWeakWord("keys"));
    assertFalse(SecretNames.isWeakWord("ke"));
    assertFalse(SecretNames.isWeakWord("token"));
  }

  @Test
  void blockedFlags_wholeWordsLongWordsInsideAndGluedOneLetterOptions() {
    assertTrue(SecretNames.isBlockedFlag("--password"));
    assertTrue(SecretNames.isBlockedFlag("--api-key"));
    assertTrue(SecretNames.isBlockedFlag("--dbpassword"));
    assertTrue(SecretNames.isBlockedFlag("--newtoken"));
    assertTrue(SecretNames.isBlockedFlag("--clientSecret"));
    assertTrue(SecretNames.isBlockedFlag("--otp"));
    assertTrue(SecretNames.isBlockedFlag("-Dpassword=x"));
    assertTrue(SecretNames.isBlockedFlag("-psecret"));
    assertTrue(SecretNames.isBlockedFlag("-pkey"));
    assertFalse(SecretNames.isBlockedFlag("-pke"));
    assertFalse(SecretNames.isBlockedFlag("--pkey"));
    assertFalse(SecretNames.isBlockedFlag("--max-tokens"));
    assertTrue(SecretNames.isBlockedFlag("--tokens-secret"));
    // a weak word of fewer than five letters counts only as a whole word
    assertFalse(SecretNames.isBlockedFlag("--monkey"));
    assertFalse(SecretNames.isBlockedFlag("--keys"));
    assertFalse(SecretNames.isBlockedFlag("--ke"));
    assertFalse(SecretNames.isBlockedFlag("--verbose"));
    assertFalse(SecretNames.isBlockedFlag("---"));
    // camelCase splits words: "monKey" holds the word "key"
    assertTrue(SecretNames.isBlockedFlag("--monKey"));
    assertFalse(SecretNames.isBlockedFlag("--MONKEY"));
    assertTrue(SecretNames.isBlockedFlag("--tokenx"));
    // words starting with a, and names without dashes
    assertTrue(SecretNames.isBlockedFlag("--auth"));
    assertTrue(SecretNames.isBlockedFlag("password"));
    assertTrue(SecretNames.isBlockedFlag("myToken"));
    assertFalse(SecretNames.isBlockedFlag("monkey"));
  }

  @Test
  void words_splitAtNonAlphanumericsAndOptionallyAtCamelCase() {
    assertEquals(List.of("api", "key"), SecretNames.words("apiKey", true));
    assertEquals(List.of("apikey"), SecretNames.words("apiKey", false));
    assertEquals(List.of("x", "api", "key9"), SecretNames.words("--X_api.key9", true));
    assertEquals(List.of("httpserver"), SecretNames.words("HTTPServer", true));
    assertEquals(List.of(), SecretNames.words("--", true));
    assertEquals(List.of("ab"), SecretNames.words("AB", true));
  }
}
