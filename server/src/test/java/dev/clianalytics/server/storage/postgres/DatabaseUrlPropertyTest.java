package dev.clianalytics.server.storage.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

class DatabaseUrlPropertyTest {

  @Property
  void parse_anyPercentEncodedPassword_comesBackUnchanged(
      @ForAll @StringLength(min = 1, max = 40) String password) {
    String encoded = URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20");

    DatabaseUrl url = DatabaseUrl.parse("postgresql://u:" + encoded + "@db.example.com:6543/app");

    assertEquals(password, url.driverProperties().getProperty("password"));
    assertEquals("jdbc:postgresql://db.example.com:6543/app", url.jdbcUrl());
  }

  @Property
  void toStringAndErrors_neverShowThePassword(
      @ForAll
          @StringLength(min = 12, max = 30)
          @AlphaChars
          @NumericChars
          @CharRange(from = '!', to = '/')
          String password,
      @ForAll("tails") String tail) {
    // Without an '@', "u:5432/db" or "u:1,h2/db" is a genuine host list: a "password" that starts
    // with a port number and then ',' or '/' is no longer a password but a host and database.
    Assume.that(!(tail.isEmpty() && password.matches("[0-9]+[,/].*")));
    String value = "postgresql://u:" + password + tail;
    try {
      assertFalse(DatabaseUrl.parse(value).toString().contains(password));
    } catch (IllegalArgumentException e) {
      assertFalse(e.getMessage().contains(password), e.getMessage());
    }
  }

  @Provide
  Arbitrary<String> tails() {
    return Arbitraries.of(
        "@h:5432/db", "@h/db?sslmode=require", "@h", "@h:99999/db", "", "@/db", "@h:5432/db?x=1");
  }
}
