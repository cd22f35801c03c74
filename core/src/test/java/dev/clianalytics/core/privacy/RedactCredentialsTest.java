package dev.clianalytics.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Provider tokens, keys, PEM blocks, auth headers and secret assignments in CLI errors. */
class RedactCredentialsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5",
        "github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVW",
        "glpat-xYz12345AbCdEfGhIjKl",
        "AKIAIOSFODNN7EXAMPLE",
        "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
        "sk_live_4eC39HqLyjWDarjtT1zdp7dc",
        "AIzaSyDdI0hCZtE6vySjMm-WEfRq3CPzqKqqsHI",
        "npm_abcdefghijklmnopqrstuvwxyz0123456789",
        "pypi-AgEIcHlwaS5vcmcCJDEyMzQ1Njc4LWFiY2QtZWZnaC0xMjM0",
        "sk-proj-abc123DEF456ghi789JKL012mno345PQR678",
        "sk-ant-api03-abcdefGHIJKL1234567890mnopqrSTUVWX",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
        "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY12",
        "f3a0c13c3765137bcde68572707ae5c0",
        "123e4567-e89b-12d3-a456-426614174000"
      })
  void knownTokensAndHighEntropyStrings_becomeSecret(String token) {
    assertEquals(
        "gh: HTTP 401: Bad credentials (<secret>)",
        ErrorText.errorMessage("gh: HTTP 401: Bad credentials (" + token + ")"));
  }

  @Test
  void pemBlock_spanningLines_becomesOneSecret() {
    String message =
        "error: invalid key: -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n"
            + "-----END OPENSSH PRIVATE KEY----- (exit status 1)";
    assertEquals("error: invalid key: <secret> (exit status 1)", ErrorText.errorMessage(message));
  }

  @Test
  void pemBlock_cutOffBeforeItsEnd_hidesTheRest() {
    assertEquals(
        "key: <secret>", ErrorText.errorMessage("key: -----BEGIN RSA PRIVATE KEY----- MIIEow"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          curl -H 'Authorization: Bearer abc.def-123' failed | curl -H 'Authorization: Bearer <secret>' failed
          401 with Authorization: Basic dXNlcjpwYXNzd29yZA== | 401 with Authorization: Basic <secret>
          token rejected: Bearer x9Yz8WvU7tS6 | token rejected: Bearer <secret>
          Basic auth is not supported | Basic auth is not supported
          X-Api-Key: k3y-v4lue rejected | X-Api-Key: <secret> rejected
          """)
  void authHeaders_hideTheCredentialOnly(String message, String expected) {
    assertEquals(expected, ErrorText.errorMessage(message));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Error: PGPASSWORD=hunter2 is set but rejected | Error: PGPASSWORD=<secret> is set but rejected
          config: {"password": "hunter2", "user": "app"} | config: {"password": "<secret>", "user": "app"}
          .env line 3: API_KEY = 'abc 123' | .env line 3: API_KEY = '<secret>'
          yaml: client_secret: abc123 in line 4 | yaml: client_secret: <secret> in line 4
          mysql -u root -pHunter2 -h db | mysql -u root -p<secret> -h db
          ai-do --api-key abc123 --model gpt | ai-do --api-key <secret> --model gpt
          cli --token=abc123 failed | cli --token=<secret> failed
          openssl pkcs12 -passout pass:hunter2 | openssl pkcs12 -passout pass:<secret>
          passwd Beterwachtwoord123 admin | passwd <secret> admin
          <password>hunter2</password> | <password><secret></password>
          body {\\"password\\":\\"hunter2\\"} rejected | body {\\"password\\":\\"<secret>\\"} rejected
          login failed: password is Hunter2x | login failed: password is <secret>
          Secret key: abc123XYZ | Secret key: <secret>
          redis-cli -a pass123 -h cache ping | redis-cli -a <secret> -h cache ping
          openssl enc -k S3cretPassw0rd -in x | openssl enc -k <secret> -in x
          Invalid API key abc123def456ghi | Invalid API key <secret>
          """)
  void secretAssignments_hideTheValue(String message, String expected) {
    assertEquals(expected, ErrorText.errorMessage(message));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          FATAL:  password authentication failed for user "postgres" | FATAL:  password authentication failed for user "postgres"
          ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: YES) | ERROR 1045 (28000): Access denied for user 'root'@'localhost' (using password: YES)
          KeyError: 'DATABASE_URL' | KeyError: 'DATABASE_URL'
          SyntaxError: Unexpected token '<' in JSON | SyntaxError: Unexpected token '<' in JSON
          ai-do: max_tokens=4096 reached | ai-do: max_tokens=4096 reached
          password is required | password is required
          Duplicate key: name | Duplicate key: name
          E11000 duplicate key error collection: app.users | E11000 duplicate key error collection: app.users
          git commit -a -m fix | git commit -a -m fix
          MongoServerError: bad auth : Authentication failed. | MongoServerError: bad auth : Authentication failed.
          gh: could not use gho_16C7e42F292c6912E7710c838347Ae178B4a: HTTP 401 | gh: could not use <secret>: HTTP 401
          """)
  void proseAboutSecrets_isKept(String message, String expected) {
    assertEquals(expected, ErrorText.errorMessage(message));
  }

  /**
   * Found by the message property test: a spaced assignment to a secret name hid only values that
   * look generated.
   */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          token = Summer | token = <secret>
          unexpected character in "PASSWORD = Aaaaaaaa;" at line 3 | unexpected character in "PASSWORD = <secret>;" at line 3
          api_key := letmein | api_key := <secret>
          the token is required | the token is required
          """)
  void spacedAssignmentToASecretName_hidesAnyValue(String message, String expected) {
    assertEquals(expected, ErrorText.errorMessage(message));
  }
}
