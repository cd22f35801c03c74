package dev.clianalytics.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The classes of defect found by a review and a held-out corpus (issue 15): nesting that grew the
 * stack with the input, values quoted before their flag or inside JSON, glued short-flag values,
 * and over-redaction of class names, flag names, package coordinates and versions.
 */
class HostileInputTest {
  private static String redact(String message) {
    return ErrorText.errorMessage(message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"name=", "a=b@", "x@sha256:", "a=b&", "--token=", "'a' for ", "a:b="})
  void longRepetitions_areRedactedWithoutOverflowingTheStack(String unit) {
    String message = "bad: " + unit.repeat(200_000) + " hunter2 at /home/alice";
    String out = ErrorText.redact(message);
    assertFalse(out.contains("/home/alice"), out.substring(Math.max(0, out.length() - 80)));
  }

  @Test
  void nestedAssignments_hideTheInnermostValue() {
    assertEquals("a=b=c=<secret>", redact("a=b=c=password=hunter2").replace("password=", ""));
    String deep = "k=".repeat(WordRedactor.MAX_NESTING + 3) + "v";
    assertTrue(redact(deep).endsWith(Placeholders.SECRET), redact(deep));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "invalid argument \"hunter2x\" for \"--token\" flag: must be set"
            + "|invalid argument \"<secret>\" for \"--token\" flag: must be set",
        "{\"argv\":[\"acme\",\"login\",\"--password\",\"SummerTime\"]}"
            + "|{\"argv\":[\"acme\",\"login\",\"--password\",\"<secret>\"]}",
        "['acme', '--token', 'letmein', '--verbose']|['acme', '--token', '<secret>', '--verbose']",
        "mysql -uroot -pletmein failed|mysql -uroot -p<secret> failed",
        "mysql -pSummerTime failed|mysql -p<secret> failed",
        "TokenExpiredError: jwt expired|TokenExpiredError: jwt expired",
        "botocore.exceptions.NoCredentialsError: Unable to locate credentials"
            + "|botocore.exceptions.NoCredentialsError: Unable to locate credentials",
        "set ACME_API_KEY or pass --api-key|set ACME_API_KEY or pass --api-key",
        "pass --api-key or set ACME_API_KEY|pass --api-key or set ACME_API_KEY",
        "--token is required|--token is required",
        "could not resolve tokenizers:11.29.11|could not resolve tokenizers:11.29.11",
        "Newtonsoft.Json, Version=13.0.0.0, Culture=neutral"
            + "|Newtonsoft.Json, Version=13.0.0.0, Culture=neutral",
        "requires version 4.8.0.0 or later|requires version 4.8.0.0 or later",
        "openssl pkcs12 -passout pass:hunter2|openssl pkcs12 -passout pass:<secret>",
        "gcc: error: unrecognized option '-pthreads'|gcc: error: unrecognized option '-pthreads'",
        "connect to 10.0.0.1 failed|connect to <ip> failed",
        "patch -p1 failed, try -p0|patch -p1 failed, try -p0",
        "redis -p8080 -pw|redis -p<secret> -pw",
      })
  void issueExamples(String message, String expected) {
    assertEquals(expected, redact(message));
  }

  @Test
  void flags_gluedPasswordWithoutDigits_keepOnlyTheOption() {
    assertEquals(List.of("-p"), Flags.sanitize(List.of("-pSummerTime")));
    assertEquals(List.of("-p", "-uroot"), Flags.sanitize(List.of("-uroot", "-pletmein")));
    assertEquals(List.of("-print", "-pthread"), Flags.sanitize(List.of("-pthread", "-print")));
  }

  @Test
  void secretNames_stillFoundInsideLongerNames() {
    assertTrue(SecretNames.isSecret("PGPASSWORD", true));
    assertTrue(SecretNames.isSecret("SECRETKEY", true));
    assertTrue(SecretNames.isSecret("github_tokens", true));
    assertFalse(SecretNames.isSecret("tokenizers", true));
    assertFalse(SecretNames.isSecret("passwordless", true));
    assertFalse(SecretNames.isSecret("InvalidTokenException", false));
  }
}
