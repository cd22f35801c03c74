package dev.clianalytics.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The context {@link MessageRedactor} carries from word to word (docs/privacy.md): the value after
 * a secret flag, a one-letter password option, an authorization scheme or a secret's name with an
 * operator; quoted values before and after a flag's name; paths with spaces; and the words that say
 * a value is not there (literals, prose, other flags). Each line is one rule, with its counterpart
 * that must stay.
 */
class MessageContextTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      textBlock =
          """
          mysql -u root -pHunter2 db                 | mysql -u root -p<secret> db
          mysql -uroot -pletmein db                  | mysql -uroot -p<secret> db
          redis-cli -a s3cretPass ping               | redis-cli -a <secret> ping
          openssl -k mykeyPass1 enc                  | openssl -k <secret> enc
          sshpass -P Hunter2x ssh                    | sshpass -P <secret> ssh
          curl -u alice:pw123 https://example.com    | curl -u <secret> https://example.com
          curl -u alice https://example.com          | curl -u alice https://example.com
          curl --user alice:pw123 x                  | curl --user <secret> x
          x -p Hunter2x                              | x -p <secret>
          -o Hunter2x                                | -o <secret>
          -o hunter                                  | -o hunter
          -1 Hunter2x                                | -1 Hunter2x
          """)
  void optionsThatTakeAPassword(String message, String expected) {
    assertEquals(expected, ErrorText.errorMessage(message));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      textBlock =
          """
          error: --password is Hunter2            | error: --password is <secret>
          error: --password was Hunter2           | error: --password was <secret>
          --password to Hunter2x                  | --password to <secret>
          --token set to Abc123xyz                | --token set to <secret>
          error: --token is required              | error: --token is required
          error: --token is not set               | error: --token is not set
          error: --api-key is invalid             | error: --api-key is invalid
          the --token is deprecated               | the --token is deprecated
          use --token or --password               | use --token or --password
          --api-key must be set                   | --api-key must be set
          --token abc123xyz                       | --token <secret>
          --token "abc 123 xyz" done              | --token "<secret>" done
          -k/--api-key abc                        | -k/--api-key <secret>
          pass --api-key                          | pass --api-key
          password= --token x                     | password= <secret> <secret>
          --api-key PGPASSWORD='x' y              | --api-key <secret>'<secret>' y
          """)
  void secretFlags_hideTheirValue_notTheProseAfterThem(String message, String expected) {
    assertEquals(expected, ErrorText.errorMessage(message));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      textBlock =
          """
          password is Hunter2                      | password is <secret>
          password authentication failed           | password authentication failed
          Authorization: Bearer abc123def          | Authorization: Bearer <secret>
          Proxy-Authorization: Basic dXNlcjpwYXNz  | Proxy-Authorization: Basic <secret>
          Cookie: a=1; b=2; c=3                    | Cookie: <secret>; <secret>; <secret>
          Set-Cookie: sid=abc; Path=/              | Set-Cookie: <secret>; <secret>
          token = Summer                           | token = <secret>
          PASSWORD = x                             | PASSWORD = <secret>
          PASSWORD := x                            | PASSWORD := <secret>
          {:password => "hunter2"}                 | {:password => "<secret>"}
          {:password=>"hunter2"}                   | {:password=>"<secret>"}
          {"password" => "hunter2"}                | {"password" => "<secret>"}
          password=>hunter2x                       | password=<secret>
          {:user=>"bob"}                           | {:user=>"bob"}
          x => y                                   | x => y
          bad auth : Authentication failed         | bad auth : Authentication failed
          bad auth : Abc123xyz                     | bad auth : <secret>
          (using password: YES)                    | (using password: YES)
          token: null                              | token: null
          token: -x                                | token: <secret>
          token: Hunter2x                          | token: <secret>
          key: name                                | key: name
          key: Abc123xyz                           | key: <secret>
          Duplicate key: name                      | Duplicate key: name
          <password>hunter2</password>             | <password><secret></password>
          export TOKEN=abc PASSWORD=def            | export TOKEN=<secret> PASSWORD=<secret>
          Bearer                                   | Bearer
          token:                                   | token:
          """)
  void namesAndSchemes_hideTheValueThatFollows(String message, String expected) {
    assertEquals(expected, ErrorText.errorMessage(message));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      textBlock =
          """
          invalid argument "hunter2" for "--token" flag                 | invalid argument "<secret>" for "--token" flag
          invalid argument "hunter2" isn't valid for "--token" flag     | invalid argument "<secret>" isn't valid for "--token" flag
          invalid argument "hunter2" a b c d e f g for "--token" flag   | invalid argument "hunter2" a b c d e f g for "--token" flag
          Invalid value for '--token': 'abc' is not valid               | Invalid value for '--token': '<secret>' is not valid
          Invalid value for '--token': 'abc def' is not valid           | Invalid value for '--token': '<secret>' is not valid
          Invalid value for '--token'. 'abc' is fine                    | Invalid value for '--token'. '<secret>' is fine
          argument --token: invalid value                               | argument --token: invalid value
          argument --token: expected one argument                       | argument --token: expected one argument
          option --token: got abc                                       | option --token: got <secret>
          option --token: Given: abc                                    | option --token: Given: <secret>
          "--token" flag: bad                                           | "--token" flag: bad
          {"password":"x"}                                              | {"password":"<secret>"}
          {\\"password\\":\\"x\\"}                                      | {\\"password\\":\\"<secret>\\"}
          {"argv": ["login", "--password", "x"]}                        | {"argv": ["login", "--password", "<secret>"]}
          password='my secret value' rest                               | password='<secret>' rest
          PGPASSWORD='a b' c                                            | PGPASSWORD='<secret>' c
          """)
  void quotedValues_beforeAndAfterTheFlagTheyBelongTo(String message, String expected) {
    assertEquals(expected, ErrorText.errorMessage(message));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '~',
      textBlock =
          """
          /Users/John Smith/x.txt not found   | <path> not found
          '/tmp/my dir/x' missing             | '<path>' missing
          /bin/sh -c npm ci                   | <path> -c npm ci
          "/bin/sh -c npm ci"                 | "<path> -c npm ci"
          version 13.0.0.0                    | version 13.0.0.0
          Version: 13.0.0.0                   | Version: 13.0.0.0
          host 13.0.0.0                       | host <ip>
          <a></etc/x>                         | <a></etc/x>
          """)
  void pathsWithSpacesVersionsAndTags(String message, String expected) {
    assertEquals(expected, ErrorText.errorMessage(message));
  }
}
