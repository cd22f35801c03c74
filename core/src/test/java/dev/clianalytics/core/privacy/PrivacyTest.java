package dev.clianalytics.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.event.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PrivacyTest {
  private static final String SALT = "0123456789abcdef0123";

  private static Event event(String actor, String machine, String session) {
    return new Event(
        Instant.parse("2026-01-20T10:00:00Z"),
        "Terraform",
        "1.7.0",
        List.of("Terraform", "apply", "prod-stack"),
        List.of("--auto-approve", "--var-file=/home/alice/prod.tfvars", "--token=abc"),
        1,
        5300L,
        "ExitError",
        "Error: open /home/alice/.terraformrc: permission denied",
        actor,
        machine,
        session,
        true,
        UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
  }

  @Test
  void client_hashesIdentifiersToSha256Hex() {
    Event out = Privacy.client().apply(event("alice", "laptop-7", "tty1"));
    assertEquals("2bd806c97f0e00af1a1fc3328fa763a9269723c8db8fac4f93af71db186d6e90", out.actorId());
    assertEquals(64, out.machineId().length());
    assertEquals(64, out.sessionHint().length());
  }

  @Test
  void client_leavesAnAlreadyHashedIdentifierAsItIs() {
    String hashed = "2bd806c97f0e00af1a1fc3328fa763a9269723c8db8fac4f93af71db186d6e90";
    assertEquals(hashed, Privacy.client().apply(event(hashed, null, null)).actorId());
  }

  @Test
  void server_storesTheSameValueForARawIdAndItsClientHash() {
    Privacy server = Privacy.server(SALT);
    String fromRaw = server.apply(event("alice", null, null)).actorId();
    String fromClient = server.apply(Privacy.client().apply(event("alice", null, null))).actorId();
    assertEquals(fromRaw, fromClient);
    assertEquals(64, fromRaw.length());
  }

  @Test
  void server_differentSalts_giveDifferentValues() {
    String a = Privacy.server(SALT).identifier("alice");
    String b = Privacy.server(SALT + "x").identifier("alice");
    assertEquals(false, a.equals(b));
  }

  @Test
  void server_shortSalt_isRefusedWithTheRule() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Privacy.server("short"));
    assertEquals("HASH_SALT must be at least 16 characters", e.getMessage());
  }

  @Test
  void apply_cutsPathSanitizesFlagsAndRedactsTheMessage() {
    Event out = Privacy.client().apply(event("alice", null, null));
    assertEquals("terraform", out.toolName());
    assertEquals(List.of("terraform", "apply", "prod-stack"), out.commandPath());
    assertEquals(List.of("--auto-approve", "--var-file"), out.flagsPresent());
    assertEquals("Error: open <path>: permission denied", out.errorMessage());
    assertEquals("ExitError", out.errorType());
    assertEquals("1.7.0", out.toolVersion());
  }

  @Test
  void apply_keepsTimestampExitCodeDurationCiAndEventId() {
    Event raw = event("alice", null, null);
    Event out = Privacy.client().apply(raw);
    assertEquals(raw.timestamp(), out.timestamp());
    assertEquals(1, out.exitCode());
    assertEquals(5300L, out.durationMs());
    assertEquals(true, out.ciDetected());
    assertEquals(raw.eventId(), out.eventId());
    assertNull(out.machineId());
  }

  @Test
  void apply_isIdempotent() {
    Event once = Privacy.client().apply(event("alice", "m", "s"));
    assertEquals(once, Privacy.client().apply(once));
  }

  @Test
  void plainNumericVersion_everyShortOne_isWhatTheMessageRulesKeep() {
    char[] alphabet = "0123456789.".toCharArray();
    int checked = 0;
    for (int length = 1; length <= 6; length++) {
      char[] v = new char[length];
      int combinations = (int) Math.pow(alphabet.length, length);
      for (int k = 0; k < combinations; k++) {
        int rest = k;
        for (int i = 0; i < length; i++) {
          v[i] = alphabet[rest % alphabet.length];
          rest /= alphabet.length;
        }
        String version = new String(v);
        if (Privacy.isPlainNumericVersion(version)) {
          assertEquals(version, ErrorText.errorMessage(version));
          checked++;
        }
      }
    }
    assertTrue(checked > 1_000_000, "checked " + checked);
  }

  @Test
  void plainNumericVersion_longerOnes_areWhatTheMessageRulesKeep() {
    Random random = new Random(11);
    List<String> samples =
        new ArrayList<>(
            List.of("1234567890", "999.999.99", "2024.10.01", "0.0.0", "127.0.0", "255.255.25"));
    while (samples.size() < 50_000) {
      StringBuilder v = new StringBuilder();
      int parts = 1 + random.nextInt(3);
      for (int p = 0; p < parts; p++) {
        if (p > 0) {
          v.append('.');
        }
        int digits = 1 + random.nextInt(4);
        for (int d = 0; d < digits; d++) {
          v.append((char) ('0' + random.nextInt(10)));
        }
      }
      if (v.length() >= 7 && v.length() <= 10) {
        samples.add(v.toString());
      }
    }
    for (String v : samples) {
      assertTrue(Privacy.isPlainNumericVersion(v), v);
      assertEquals(v, ErrorText.errorMessage(v));
    }
  }

  @Test
  void plainNumericVersion_onlyDigitsInAtMostThreeParts() {
    for (String v : List.of("1.0.0", "2", "10.4", "2024.10.1", "0123456789")) {
      assertTrue(Privacy.isPlainNumericVersion(v), v);
    }
    for (String v :
        List.of(
            "",
            "1.2.3.4",
            "10.0.0.1",
            ".1",
            "1.",
            "1..2",
            "v1.0.0",
            "1.0.0-rc1",
            " 1.0",
            "1.0 ",
            "12345678901",
            "1.0.0+abc",
            "\u0661.0")) {
      assertFalse(Privacy.isPlainNumericVersion(v), v);
    }
  }

  @Test
  void apply_versionThatLooksLikeAnAddress_stillGoesThroughTheMessageRules() {
    Event in = event("alice", null, null);
    Event raw =
        new Event(
            in.timestamp(),
            in.toolName(),
            "10.0.0.1",
            in.commandPath(),
            in.flagsPresent(),
            in.exitCode(),
            in.durationMs(),
            in.errorType(),
            in.errorMessage(),
            in.actorId(),
            null,
            null,
            false,
            in.eventId());
    String version = Privacy.client().apply(raw).toolVersion();
    assertNotEquals("10.0.0.1", version);
    assertEquals(ErrorText.errorMessage("10.0.0.1"), version);
  }
}
