package dev.clianalytics.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Paths, emails, URLs, connection strings and addresses in real CLI errors. */
class RedactLocationsTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          npm ERR! enoent ENOENT: no such file or directory, open '/home/alice/app/package.json' | npm ERR! enoent ENOENT: no such file or directory, open '<path>'
          Error: Cannot find module '~/projects/api/dist/index.js' | Error: Cannot find module '<path>'
          java.io.FileNotFoundException: C:\\Users\\John Smith\\AppData\\app.json (Access is denied) | java.io.FileNotFoundException: <path> (Access is denied)
          error: could not open \\\\fileserver\\share\\builds\\out.zip | error: could not open <path>
          failed to load file:///Users/bob/Library/config.toml | failed to load <path>
          [ERROR] /home/ci/work/src/main/java/App.java:[10,5] cannot find symbol | [ERROR] <path>:[10,5] cannot find symbol
          error: could not read ./secrets/prod.env: permission denied | error: could not read <path>: permission denied
          cannot open '/Users/Jane Doe/My Documents/report.pdf' | cannot open '<path>'
          warning: ignoring .ssh/config: bad permissions | warning: ignoring <path>: bad permissions
          error[E0425]: cannot find value `x` in src/main.rs:10:5 | error[E0425]: cannot find value `x` in <path>
          """)
  void paths_becomePathPlaceholders(String message, String expected) {
    assertEquals(expected, ErrorText.errorMessage(message));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          Error: connect ECONNREFUSED 127.0.0.1:5432 | Error: connect ECONNREFUSED <ip>:5432
          Unable to connect to the server: dial tcp 192.168.49.2:8443: i/o timeout | Unable to connect to the server: dial tcp <ip>:8443: i/o timeout
          psql: error: connection to server at "db.acme.io" (10.0.0.5), port 5432 failed | psql: error: connection to server at "db.acme.io" (<ip>), port 5432 failed
          ssh: connect to host fe80::1%eth0 port 22: No route to host | ssh: connect to host <ip> port 22: No route to host
          curl: (7) Failed to connect to ::1 port 8000 | curl: (7) Failed to connect to <ip> port 8000
          dial tcp [2001:db8::8a2e:370:7334]:443: connect: network is unreachable | dial tcp [<ip>]:443: connect: network is unreachable
          nmap scan of 172.18.1.0/24 finished | nmap scan of <ip>/24 finished
          """)
  void addresses_becomeIpPlaceholders(String message, String expected) {
    assertEquals(expected, ErrorText.errorMessage(message));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          remote: Permission to acme/app denied to alice@example.com. | remote: Permission to acme/app denied to <email>.
          ssh: connect as deploy@10.1.17.4 failed | ssh: connect as <email> failed
          Author: Jane <jane.doe+ci@corp.example.co.uk> | Author: Jane <<email>>
          error: failed to push some refs to 'git@github.com:acme/private.git' | error: failed to push some refs to '<url>'
          """)
  void emails_andUserAtHost_areRedacted(String message, String expected) {
    assertEquals(expected, ErrorText.errorMessage(message));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          fatal: Authentication failed for 'https://alice:s3cret@github.com/acme/app.git/' | fatal: Authentication failed for '<url>'
          403 Client Error: Forbidden for url: https://api.acme.io/v1/export?token=abc&page=2 | 403 Client Error: Forbidden for url: <url>
          fatal: unable to access 'https://github.com/acme/app.git/': Could not resolve host | fatal: unable to access 'https://github.com/acme/app.git/': Could not resolve host
          npm ERR! 404 Not Found - GET https://registry.npmjs.org/@acme%2fwidgets - Not found | npm ERR! 404 Not Found - GET https://registry.npmjs.org/@acme%2fwidgets - Not found
          post to https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXX failed | post to <url> failed
          GET http://10.0.0.7:8080/health returned 503 | GET <url> returned 503
          """)
  void urls_withCredentialsQueriesOrAddresses_areRedacted_plainOnesStay(
      String message, String expected) {
    assertEquals(expected, ErrorText.errorMessage(message));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          could not connect to postgres://app:pw@db.internal:5432/prod | could not connect to <url>
          DATABASE_URL=postgresql://localhost/analytics is not reachable | DATABASE_URL=<url> is not reachable
          MongoServerError at mongodb+srv://user:pass@cluster0.x.mongodb.net/app | MongoServerError at <url>
          Error 111 connecting to redis://:hunter2@cache:6379/0 | Error 111 connecting to <url>
          SQLException for jdbc:mysql://db:3306/app?user=root&password=hunter2 | SQLException for <url>
          login failed: Server=tcp:db.acme.io,1433;Initial Catalog=app;User ID=sa;Password=Secr3t!; | login failed: <url>
          """)
  void connectionStrings_becomeUrlPlaceholders(String message, String expected) {
    assertEquals(expected, ErrorText.errorMessage(message));
  }
}
