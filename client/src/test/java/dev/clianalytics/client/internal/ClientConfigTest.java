package dev.clianalytics.client.internal;

import static dev.clianalytics.client.internal.Tools.MYTOOL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientConfigTest {
  private static final String URL = "http://127.0.0.1:9/ingest";

  private static ClientConfig config(Map<String, String> env, String... args) {
    return ClientConfig.from(MYTOOL, env, List.of(args));
  }

  @Test
  void from_emptyEnvironment_isOffByDefault() {
    assertEquals(Decision.OFF_BY_DEFAULT, config(Map.of()).decision());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "true", "TRUE", "yes", "Yes", "on", "ON", " true "})
  void from_truthyEventsEnabledWithUrl_sends(String value) {
    assertEquals(
        Decision.SEND, config(Map.of("EVENTS_ENABLED", value, "EVENTS_URL", URL)).decision());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "enabled", "2"})
  void from_otherEventsEnabledValues_staysOff(String value) {
    assertEquals(
        Decision.OFF_BY_DEFAULT,
        config(Map.of("EVENTS_ENABLED", value, "EVENTS_URL", URL)).decision());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "false", "no", "OFF"})
  void from_falsyEventsEnabled_isTurnedOff(String value) {
    assertEquals(
        Decision.OFF_TURNED_OFF,
        config(Map.of("EVENTS_ENABLED", value, "EVENTS_URL", URL)).decision());
  }

  @Test
  void from_analyticsFlagWithUrl_sendsWithoutEventsEnabled() {
    assertEquals(
        Decision.SEND, config(Map.of("EVENTS_URL", URL), "deploy", "--analytics").decision());
  }

  @Test
  void from_analyticsFlagWithoutUrl_isOffForMissingUrl() {
    assertEquals(Decision.OFF_NO_URL, config(Map.of(), "--analytics").decision());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "true", "YES", "on"})
  void from_doNotTrack_winsOverEventsEnabledAndFlag(String dnt) {
    Map<String, String> env = Map.of("EVENTS_ENABLED", "1", "EVENTS_URL", URL, "DO_NOT_TRACK", dnt);
    assertEquals(Decision.OFF_DO_NOT_TRACK, config(env, "--analytics").decision());
  }

  @Test
  void from_falsyDoNotTrack_doesNotDisable() {
    Map<String, String> env = Map.of("EVENTS_ENABLED", "1", "EVENTS_URL", URL, "DO_NOT_TRACK", "0");
    assertEquals(Decision.SEND, config(env).decision());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://example.com/x", "not a url", "localhost:8000", "http://u:p@h/x"})
  void from_unusableUrl_isOffForBadUrl(String url) {
    assertEquals(
        Decision.OFF_BAD_URL, config(Map.of("EVENTS_ENABLED", "1", "EVENTS_URL", url)).decision());
  }

  @Property(tries = 200)
  void decision_followsTheOptInRules(
      @ForAll boolean enabled, @ForAll boolean flag, @ForAll boolean dnt, @ForAll boolean url) {
    Map<String, String> env = new HashMap<>();
    env.put("EVENTS_ENABLED", enabled ? "true" : "false");
    env.put("DO_NOT_TRACK", dnt ? "1" : "");
    if (url) {
      env.put("EVENTS_URL", URL);
    }
    boolean sends =
        config(env, flag ? new String[] {"--analytics"} : new String[0]).decision().sends();
    assertEquals(!dnt && (enabled || flag) && url, sends);
  }

  @Test
  void from_restV1Url_isPostgrestMode() {
    Map<String, String> env = Map.of("EVENTS_URL", "http://localhost:54321/rest/v1/events");
    assertTrue(config(env).postgrest());
    assertFalse(config(Map.of("EVENTS_URL", URL)).postgrest());
  }

  @Test
  void from_flushTimeout_defaultsTo300AndReadsMilliseconds() {
    assertEquals(Duration.ofMillis(300), config(Map.of()).flushTimeout());
    assertEquals(
        Duration.ofMillis(50), config(Map.of("EVENTS_FLUSH_TIMEOUT_MS", "50")).flushTimeout());
    assertEquals(
        Duration.ofMillis(300), config(Map.of("EVENTS_FLUSH_TIMEOUT_MS", "soon")).flushTimeout());
    assertEquals(
        Duration.ofMillis(300), config(Map.of("EVENTS_FLUSH_TIMEOUT_MS", "-5")).flushTimeout());
  }

  @Property(tries = 50)
  void from_anyFlushTimeout_isCappedAtOneMinute(@ForAll @IntRange(min = 0) int ms) {
    Duration d = config(Map.of("EVENTS_FLUSH_TIMEOUT_MS", Integer.toString(ms))).flushTimeout();
    assertTrue(d.toMillis() <= ClientConfig.MAX_FLUSH_TIMEOUT_MS && d.toMillis() >= 0);
  }

  @Test
  void toString_neverShowsTheToken() {
    ClientConfig c = config(Map.of("EVENTS_URL", URL + "?k=v", "EVENTS_TOKEN", "tok-123-secret"));
    assertFalse(c.toString().contains("tok-123-secret"), c.toString());
    assertFalse(c.toString().contains("k=v"), c.toString());
  }

  @Test
  void withAnalyticsFlag_underDoNotTrack_staysOff() {
    ClientConfig c = config(Map.of("EVENTS_URL", URL, "DO_NOT_TRACK", "true"));
    assertEquals(Decision.OFF_DO_NOT_TRACK, c.withAnalyticsFlag().decision());
    assertEquals(Decision.SEND, config(Map.of("EVENTS_URL", URL)).withAnalyticsFlag().decision());
  }
}
