package dev.clianalytics.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.client.TelemetrySettings;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one-time notice of opt-out mode, for tools without the picocli subcommand. */
class NoticeTest extends ClientTestSupport {
  static final TelemetrySettings OPT_OUT =
      TelemetrySettings.builder("my-tool", "1")
          .endpoint("http://127.0.0.1:9/ingest")
          .optOut()
          .build();

  Client optOutClient() {
    Map<String, String> env = env(server.url("/ingest"));
    env.remove("EVENTS_ENABLED");
    env.remove("EVENTS_URL");
    return new Client(OPT_OUT, ClientConfig.from(OPT_OUT, env, List.of()), System.err);
  }

  @Test
  void firstRun_getsTheNoticeNamingTheToolVariable_thenNeverAgain() throws Exception {
    Client first = optOutClient();
    String notice = first.noticeIfDue(false);
    assertTrue(notice.contains("MY_TOOL_TELEMETRY=0"), notice);
    assertFalse(notice.contains("telemetry off`"), notice);
    assertFalse(first.config().decision().sends());
    assertEquals("notice=shown\n", Files.readString(first.stateFile()));

    Client later = optOutClient();
    assertNull(later.noticeIfDue(false));
    assertTrue(later.config().decision().sends());
  }

  @Test
  void optInTool_neverGetsANotice() {
    assertNull(client(env(server.url("/ingest"))).noticeIfDue(true));
  }
}
