package dev.clianalytics.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentsTest {
  private static final Privacy SERVER = Privacy.server("0123456789abcdef0123");

  @Test
  void document_northStarAggregate_isKeptAsItIs() {
    Map<String, Object> doc =
        Map.of(
            "command",
            "ai-do",
            "weeks",
            List.of(
                Map.of(
                    "week",
                    "2026-W03",
                    "active_developers",
                    12L,
                    "successful_runs",
                    40L,
                    "per_active_developer",
                    3.33)));
    assertEquals(doc, SERVER.document(doc));
  }

  @Test
  void document_stringsAtAnyDepth_areRedacted() {
    Map<String, Object> doc =
        Map.of("outer", List.of(Map.of("msg", "cannot read /etc/app/secrets.yml from 10.0.0.7")));
    Map<String, Object> safe = SERVER.document(doc);
    assertEquals(Map.of("outer", List.of(Map.of("msg", "cannot read <path> from <ip>"))), safe);
  }

  @Test
  void document_secretLookingKeys_loseTheirValues() {
    Map<String, Object> safe =
        SERVER.document(Map.of("password", "hunter2", "nested", Map.of("GITHUB_TOKEN", 42L)));
    assertEquals(
        Map.of("password", "<secret>", "nested", Map.of("GITHUB_TOKEN", "<secret>")), safe);
  }

  @Test
  void document_identifierFields_areHashedLikeAnEventsIdentifiers() {
    Map<String, Object> safe = SERVER.document(Map.of("who", Map.of("actor_id", "alice")));
    assertEquals(Map.of("who", Map.of("actor_id", SERVER.identifier("alice"))), safe);
  }

  @Test
  void document_secretInAKey_isRedacted() {
    Map<String, Object> safe =
        SERVER.document(Map.of("ghp_0123456789abcdefghijABCDEFGHIJ0123456789", 1L));
    assertEquals(Map.of("<secret>", 1L), safe);
  }

  @Test
  void document_identifierFieldsOfAnyTypeAtAnyDepth_keepNoRawValue() {
    Map<String, Object> doc =
        Map.of(
            "meta",
            Map.of(
                "actor_id",
                List.of("install-7f3a-alice"),
                "machine_id",
                Map.of("id", "laptop-of-alice"),
                "session_hint",
                4711L));

    Map<String, Object> safe = SERVER.document(doc);

    assertEquals(
        Map.of(
            "meta",
            Map.of(
                "actor_id",
                List.of(SERVER.identifier("install-7f3a-alice")),
                "machine_id",
                Map.of("id", SERVER.identifier("laptop-of-alice")),
                "session_hint",
                SERVER.identifier("4711"))),
        safe);
  }

  @Test
  void document_identifierKeysInOtherSpellings_areHashedToo() {
    Map<String, Object> safe =
        SERVER.document(Map.of("actorId", "bob", "Machine-ID", true, "ACTOR_ID", "carol"));

    assertEquals(
        Map.of(
            "actorId",
            SERVER.identifier("bob"),
            "Machine-ID",
            SERVER.identifier("true"),
            "ACTOR_ID",
            SERVER.identifier("carol")),
        safe);
  }

  @Test
  void document_nullIdentifier_staysNull() {
    Map<String, Object> doc = new java.util.HashMap<>();
    doc.put("actor_id", null);

    assertEquals(doc, SERVER.document(doc));
  }
}
