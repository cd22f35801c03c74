package dev.clianalytics.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.client.CommandRun;
import dev.clianalytics.client.TelemetrySettings;
import dev.clianalytics.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Each tool on a machine sends its own actor id, derived as docs/privacy.md says. */
class ActorIdTest extends ClientTestSupport {

  /** HMAC-SHA256 of {@code message} keyed with {@code key}, as lowercase hex. */
  static String hmacHex(String key, String message) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
  }

  String actorOf(String tool) {
    Client c =
        new Client(
            TelemetrySettings.builder(tool, "1").build(),
            ClientConfig.from(Tools.MYTOOL, env(server.url("/ingest")), List.of()),
            System.err);
    return (String) ((Map<?, ?>) Json.parse(c.sanitized(CommandRun.of(0)))).get("actor_id");
  }

  @Test
  void twoToolsOnOneMachine_sendDifferentActorIds() {
    String a = actorOf("terraform");
    String b = actorOf("kubectl");
    assertNotEquals(a, b);
    assertTrue(a.matches("[0-9a-f]{64}") && b.matches("[0-9a-f]{64}"), a + " " + b);
  }

  @Test
  void oneTool_keepsItsActorIdAcrossRuns() {
    assertEquals(actorOf("terraform"), actorOf("terraform"));
  }

  @Test
  void actorId_isTheHmacOfTheLowerCaseToolNameKeyedWithTheInstallSecret() throws Exception {
    String id = actorOf("Terraform");
    String secret = Files.readString(home.resolve("config/cli-analytics/install-id")).trim();
    assertEquals(hmacHex(secret, "terraform"), id);
    assertNotEquals(secret, id);
  }
}
