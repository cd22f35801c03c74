package dev.clianalytics.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.clianalytics.client.TelemetrySettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Per-tool variable names, the saved choice and their order, as docs/client.md lists them. */
class ToolSettingsTest {
  static final String SHARED_URL = "http://127.0.0.1:9/ingest";
  static final String OWN_URL = "http://127.0.0.1:10/mytool";
  static final TelemetrySettings MYTOOL = TelemetrySettings.builder("mytool", "1").build();

  @TempDir Path home;

  ClientConfig config(TelemetrySettings settings, boolean flag, String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("XDG_CONFIG_HOME", home.toString());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return ClientConfig.from(settings, env, flag, "Linux", home.toString());
  }

  ClientConfig config(String... pairs) {
    return config(MYTOOL, false, pairs);
  }

  void save(String tool, boolean on) throws IOException {
    ToolState.NONE.withChoice(on).write(ToolState.file(home.resolve("cli-analytics"), tool));
  }

  @ParameterizedTest
  @CsvSource({
    "mytool, MYTOOL",
    "my-tool, MY_TOOL",
    "gh.dash, GH_DASH",
    "Az, AZ",
    "7zip, _7ZIP",
    "café, CAF_",
    "' spaced ', SPACED"
  })
  void prefix_keepsAsciiLettersAndDigits_andUnderscoresTheRest(String tool, String prefix) {
    assertEquals(prefix, ToolEnv.prefix(tool));
  }

  @Test
  void toolVariables_areNamedAfterTheSharedOnes() {
    ToolEnv env = new ToolEnv(Map.of(), "my-tool");
    assertEquals("MY_TOOL_TELEMETRY", env.toolName(ToolEnv.ENABLED));
    assertEquals("MY_TOOL_TELEMETRY_URL", env.toolName(ToolEnv.URL));
    assertEquals("MY_TOOL_TELEMETRY_TOKEN", env.toolName(ToolEnv.TOKEN));
    assertEquals("MY_TOOL_TELEMETRY_DEBUG", env.toolName(ToolEnv.DEBUG));
    assertEquals("MY_TOOL_TELEMETRY_FLUSH_TIMEOUT_MS", env.toolName(ToolEnv.FLUSH_TIMEOUT_MS));
  }

  @Test
  void toolVariable_turnsTelemetryOnWithoutTheSharedOne() {
    assertEquals(
        Decision.SEND, config("MYTOOL_TELEMETRY", "1", "EVENTS_URL", SHARED_URL).decision());
  }

  @Test
  void toolVariableOff_winsOverSharedOn() {
    ClientConfig c =
        config("MYTOOL_TELEMETRY", "0", "EVENTS_ENABLED", "1", "EVENTS_URL", SHARED_URL);
    assertEquals(Decision.OFF_TURNED_OFF, c.decision());
    assertEquals(Consent.TOOL_VARIABLE_OFF, c.consent());
  }

  @Test
  void anotherToolsVariable_changesNothingForThisTool() {
    ClientConfig c = config("OTHER_TELEMETRY", "1", "OTHER_TELEMETRY_URL", OWN_URL);
    assertEquals(Decision.OFF_BY_DEFAULT, c.decision());
    assertNull(c.url());
  }

  @Test
  void toolUrlAndToken_winOverTheSharedOnes() {
    ClientConfig c =
        config(
            "EVENTS_ENABLED", "1",
            "EVENTS_URL", SHARED_URL,
            "EVENTS_TOKEN", "shared-token",
            "MYTOOL_TELEMETRY_URL", OWN_URL,
            "MYTOOL_TELEMETRY_TOKEN", "own-token");
    assertEquals(URI.create(OWN_URL), c.url());
    assertEquals("own-token", c.token());
  }

  @Test
  void blankToolUrl_fallsBackToTheSharedOne() {
    ClientConfig c =
        config("EVENTS_ENABLED", "1", "EVENTS_URL", SHARED_URL, "MYTOOL_TELEMETRY_URL", " ");
    assertEquals(URI.create(SHARED_URL), c.url());
  }

  @Test
  void toolDebugAndFlushTimeout_winOverTheSharedOnes() {
    ClientConfig c =
        config(
            "EVENTS_FLUSH_TIMEOUT_MS", "100",
            "MYTOOL_TELEMETRY_FLUSH_TIMEOUT_MS", "200",
            "MYTOOL_TELEMETRY_DEBUG", "1");
    assertEquals(200, c.flushTimeout().toMillis());
    assertEquals(true, c.debug());
  }

  @Test
  void doNotTrack_winsOverToolVariableSavedChoiceAndFlag() throws IOException {
    save("mytool", true);
    ClientConfig c =
        config(
            MYTOOL, true, "DO_NOT_TRACK", "1", "MYTOOL_TELEMETRY", "1", "EVENTS_URL", SHARED_URL);
    assertEquals(Decision.OFF_DO_NOT_TRACK, c.decision());
  }

  @Test
  void savedOff_winsOverToolAndSharedVariables() throws IOException {
    save("mytool", false);
    ClientConfig c =
        config("MYTOOL_TELEMETRY", "1", "EVENTS_ENABLED", "1", "EVENTS_URL", SHARED_URL);
    assertEquals(Decision.OFF_TURNED_OFF, c.decision());
    assertEquals(Consent.SAVED_OFF, c.consent());
  }

  @Test
  void savedOn_winsOverAToolVariableThatIsOff() throws IOException {
    save("mytool", true);
    ClientConfig c = config("MYTOOL_TELEMETRY", "0", "EVENTS_URL", SHARED_URL);
    assertEquals(Decision.SEND, c.decision());
    assertEquals(Consent.SAVED_ON, c.consent());
  }

  @Test
  void savedChoice_belongsToOneTool() throws IOException {
    save("othertool", true);
    assertEquals(Decision.OFF_BY_DEFAULT, config("EVENTS_URL", SHARED_URL).decision());
  }

  @Test
  void analyticsFlag_winsOverSavedOffForThatRun() throws IOException {
    save("mytool", false);
    assertEquals(Decision.SEND, config(MYTOOL, true, "EVENTS_URL", SHARED_URL).decision());
  }

  @Test
  void builtInEndpointAndToken_areUsedWhenNoVariableIsSet() {
    TelemetrySettings s =
        TelemetrySettings.builder("mytool", "1").endpoint(OWN_URL).token("built-in").build();
    ClientConfig c = config(s, false, "MYTOOL_TELEMETRY", "1");
    assertEquals(Decision.SEND, c.decision());
    assertEquals(URI.create(OWN_URL), c.url());
    assertEquals("built-in", c.token());
  }

  @Test
  void variables_winOverTheBuiltInEndpointAndToken() {
    TelemetrySettings s =
        TelemetrySettings.builder("mytool", "1").endpoint(OWN_URL).token("built-in").build();
    ClientConfig c =
        config(s, false, "EVENTS_ENABLED", "1", "EVENTS_URL", SHARED_URL, "EVENTS_TOKEN", "t");
    assertEquals(URI.create(SHARED_URL), c.url());
    assertEquals("t", c.token());
  }

  @Test
  void optOut_firstRunSendsNothing_laterRunsSend() throws IOException {
    TelemetrySettings s =
        TelemetrySettings.builder("mytool", "1").endpoint(OWN_URL).optOut().build();
    assertEquals(Decision.OFF_FIRST_RUN, config(s, false).decision());
    ToolState.NONE.withNoticeShown().write(ToolState.file(home.resolve("cli-analytics"), "mytool"));
    ClientConfig later = config(s, false);
    assertEquals(Decision.SEND, later.decision());
    assertEquals(Consent.OPT_OUT_DEFAULT, later.consent());
  }

  @Test
  void optOut_isTurnedOffByAFalseSharedVariable() {
    TelemetrySettings s =
        TelemetrySettings.builder("mytool", "1").endpoint(OWN_URL).optOut().build();
    assertEquals(Decision.OFF_TURNED_OFF, config(s, false, "EVENTS_ENABLED", "false").decision());
  }

  @Test
  void optIn_isTheDefault() {
    TelemetrySettings s = TelemetrySettings.builder("mytool", "1").endpoint(OWN_URL).build();
    assertEquals(Decision.OFF_BY_DEFAULT, config(s, false).decision());
  }
}
