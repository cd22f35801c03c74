package dev.clianalytics.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clianalytics.core.event.Event;
import java.time.Instant;
import java.util.List;
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
}
