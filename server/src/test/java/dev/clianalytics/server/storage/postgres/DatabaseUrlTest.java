package dev.clianalytics.server.storage.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {

  @Test
  void parse_supabaseTransactionPooler_keepsDottedUserAndPort6543() {
    DatabaseUrl url =
        DatabaseUrl.parse(
            "postgresql://postgres.abcdefghijklmnop:s3cret@aws-0-eu-central-1.pooler.supabase.com:6543/postgres");

    assertEquals(
        "jdbc:postgresql://aws-0-eu-central-1.pooler.supabase.com:6543/postgres", url.jdbcUrl());
    assertEquals("postgres.abcdefghijklmnop", url.user());
    assertEquals("s3cret", url.driverProperties().getProperty("password"));
  }

  @Test
  void parse_percentEncodedPassword_isDecoded() {
    DatabaseUrl url = DatabaseUrl.parse("postgres://u:p%40ss%2Fw%3Ard%25+x@db.example.com/app");

    assertEquals("p@ss/w:rd%+x", url.driverProperties().getProperty("password"));
    assertEquals("jdbc:postgresql://db.example.com/app", url.jdbcUrl());
  }

  @Test
  void parse_unencodedAtSignInPassword_splitsAtTheLastAt() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://u:p@ss@db.example.com:5432/app");

    assertEquals("p@ss", url.driverProperties().getProperty("password"));
    assertEquals("jdbc:postgresql://db.example.com:5432/app", url.jdbcUrl());
  }

  @Test
  void parse_atSignInAQueryValue_doesNotMoveTheHost() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://u:pw@h:5432/db?application_name=a@b");

    assertEquals("jdbc:postgresql://h:5432/db", url.jdbcUrl());
    assertEquals(Map.of("ApplicationName", "a@b"), url.parameters());
  }

  @Test
  void toString_jdbcUrlWithCredentialsInTheAuthority_masksThePassword() {
    assertEquals(
        "jdbc:postgresql://u:***@h/db",
        DatabaseUrl.parse("jdbc:postgresql://u:pw@h/db").toString());
  }

  @Test
  void parse_libpqQueryParameters_becomeDriverProperties() {
    DatabaseUrl url =
        DatabaseUrl.parse(
            "postgresql://u@h:5432/db?sslmode=require&application_name=svc&connect_timeout=5"
                + "&pgbouncer=true");

    assertEquals(
        Map.of("sslmode", "require", "ApplicationName", "svc", "connectTimeout", "5"),
        url.parameters());
  }

  @Test
  void parse_userAndPasswordAsQueryParameters_areUsed() {
    Properties props =
        DatabaseUrl.parse("postgresql://h/db?user=me&password=pw").driverProperties();

    assertEquals("me", props.getProperty("user"));
    assertEquals("pw", props.getProperty("password"));
  }

  @Test
  void parse_noUserInfo_leavesUserToTheDriver() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://127.0.0.1:5432/x");

    assertNull(url.user());
    assertEquals("jdbc:postgresql://127.0.0.1:5432/x", url.jdbcUrl());
  }

  @Test
  void parse_ipv6AndSeveralHosts_passThrough() {
    assertEquals(
        "jdbc:postgresql://[::1]:5432,db2:5433/app",
        DatabaseUrl.parse("postgresql://u@[::1]:5432,db2:5433/app").jdbcUrl());
  }

  @Test
  void parse_jdbcUrl_isPassedToTheDriverAsGiven() {
    String jdbc = "jdbc:postgresql://h:5432/db?user=u&password=secret&sslmode=require";

    DatabaseUrl url = DatabaseUrl.parse(jdbc);

    assertEquals(jdbc, url.jdbcUrl());
    assertFalse(url.toString().contains("secret"));
  }

  @Test
  void toString_masksThePassword() {
    String text = DatabaseUrl.parse("postgresql://user:hunter2@h:5432/db").toString();

    assertEquals("postgresql://user:***@h:5432/db", text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "mysql://user:hunter2@h/db",
        "postgresql://user:hunter2@/db",
        "postgresql://user:hunter2@h:5432",
        "postgresql://user:hunter2@h",
        "postgresql://user:hunter2@h?sslmode=require",
        "postgresql://user:hunt@er2@h",
        "postgresql://user:hunter2",
        "postgresql://user:hunter2@h:5432/",
        "postgresql://user:hunter2@h:99999/db",
        "postgresql://user:hunter2@h:port/db",
        "postgresql://user:hunter2%zz@h:5432/db",
        "postgresql://user:hunter2@h:5432/db?unknown=1",
        "postgresql://user:hunter2@h:5432/db?connect_timeout=soon",
      })
  void parse_malformedUrl_explainsWithoutShowingThePassword(String value) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> DatabaseUrl.parse(value));

    assertTrue(e.getMessage().startsWith("DATABASE_URL"), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
  }

  @Test
  void isPostgres_recognisesAllThreeForms() {
    assertTrue(DatabaseUrl.isPostgres("postgresql://h/db"));
    assertTrue(DatabaseUrl.isPostgres("postgres://h/db"));
    assertTrue(DatabaseUrl.isPostgres(" jdbc:postgresql://h/db"));
    assertFalse(DatabaseUrl.isPostgres(""));
    assertFalse(DatabaseUrl.isPostgres(null));
  }
}
