package dev.clianalytics.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.core.event.Event;
import dev.clianalytics.core.testing.Ev;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SessionizerTest {
  static final Sessionizer SESSIONIZER = new Sessionizer(Duration.ofMinutes(30));
  static final Instant LATE_HORIZON = Instant.parse("2026-02-01T00:00:00Z");

  static List<Session> sessionize(Event... events) {
    return SESSIONIZER.sessionize(List.of(events), LATE_HORIZON);
  }

  static List<Integer> sizes(List<Session> sessions) {
    return sessions.stream().map(s -> s.events().size()).toList();
  }

  @Test
  void sessionize_gapJustUnderTimeout_staysOneSession() {
    var sessions = sessionize(Ev.at("10:00").build(), Ev.at("10:29:59").build());
    assertEquals(List.of(2), sizes(sessions));
  }

  @Test
  void sessionize_gapExactlyTimeout_staysOneSession() {
    var sessions = sessionize(Ev.at("10:00").build(), Ev.at("10:30").build());
    assertEquals(List.of(2), sizes(sessions));
  }

  @Test
  void sessionize_gapJustOverTimeout_startsNewSession() {
    var sessions = sessionize(Ev.at("10:00").build(), Ev.at("10:30:01").build());
    assertEquals(List.of(1, 1), sizes(sessions));
  }

  @Test
  void sessionize_gapIsMeasuredBetweenConsecutiveEvents_notFromSessionStart() {
    var sessions =
        sessionize(Ev.at("10:00").build(), Ev.at("10:25").build(), Ev.at("10:50").build());
    assertEquals(List.of(3), sizes(sessions));
  }

  @Test
  void sessionize_customTimeout_isHonoured() {
    var sessions =
        new Sessionizer(Duration.ofMinutes(5))
            .sessionize(List.of(Ev.at("10:00").build(), Ev.at("10:06").build()), LATE_HORIZON);
    assertEquals(List.of(1, 1), sizes(sessions));
  }

  @Test
  void sessionize_differentHintsInterleaved_formSeparateSessions() {
    var sessions =
        sessionize(
            Ev.at("10:00").hint("tab-1").build(),
            Ev.at("10:01").hint("tab-2").build(),
            Ev.at("10:02").hint("tab-1").build(),
            Ev.at("10:03").build());
    assertEquals(3, sessions.size());
    assertEquals(List.of(2, 1, 1), sizes(sessions));
    assertEquals("tab-1", sessions.get(0).sessionHint());
  }

  @Test
  void sessionize_differentActors_neverShareASession() {
    var sessions = sessionize(Ev.at("10:00").actor("a").build(), Ev.at("10:01").actor("b").build());
    assertEquals(List.of("a", "b"), sessions.stream().map(Session::actorId).toList());
  }

  @Test
  void sessionize_outOfOrderInput_isOrderedByTimestamp() {
    Event late = Ev.at("10:20").cmd("terraform apply").build();
    Event early = Ev.at("10:00").cmd("terraform init").build();
    Event middle = Ev.at("10:10").cmd("terraform plan").build();
    var sessions = sessionize(late, early, middle);
    assertEquals(List.of(early, middle, late), sessions.get(0).events());
  }

  @Test
  void sessionize_sameTimestamp_tiesBrokenByEventId() {
    UUID low = UUID.fromString("00000000-0000-0000-0000-000000000001");
    UUID high = UUID.fromString("f0000000-0000-0000-0000-000000000001");
    Event b = Ev.at("10:00").cmd("git push").id(high).build();
    Event a = Ev.at("10:00").cmd("git commit").id(low).build();
    assertEquals(List.of(a, b), sessionize(b, a).get(0).events());
    assertEquals(List.of(a, b), sessionize(a, b).get(0).events());
  }

  @Test
  void sessionize_duplicateEventId_countsOnce() {
    UUID id = UUID.randomUUID();
    Event event = Ev.at("10:00").id(id).build();
    var sessions = sessionize(event, event, Ev.at("10:01").build());
    assertEquals(List.of(2), sizes(sessions));
  }

  @Test
  void sessionize_lastEventLessThanTimeoutBeforeHorizon_isOpen() {
    var sessions =
        SESSIONIZER.sessionize(
            List.of(Ev.at("10:00").build()), Instant.parse(Ev.DAY + "10:29:59Z"));
    assertTrue(sessions.get(0).open());
  }

  @Test
  void sessionize_lastEventExactlyTimeoutBeforeHorizon_isClosed() {
    var sessions =
        SESSIONIZER.sessionize(
            List.of(Ev.at("10:00").build()), Instant.parse(Ev.DAY + "10:30:00Z"));
    assertFalse(sessions.get(0).open());
  }

  @Test
  void sessionize_earlierSessionOfSameKey_isClosedWhileLatestIsOpen() {
    var sessions =
        SESSIONIZER.sessionize(
            List.of(Ev.at("08:00").build(), Ev.at("10:00").build()),
            Instant.parse(Ev.DAY + "10:05:00Z"));
    assertEquals(List.of(false, true), sessions.stream().map(Session::open).toList());
  }

  @Test
  void horizon_isTheEarlierOfNewestEventAndNow() {
    Instant newest = Instant.parse("2026-01-05T10:00:00Z");
    Instant now = Instant.parse("2026-01-05T09:00:00Z");
    assertEquals(now, Sessionizer.horizon(newest, now));
    assertEquals(newest, Sessionizer.horizon(newest, now.plusSeconds(7200)));
    assertEquals(now, Sessionizer.horizon(null, now));
  }

  @Test
  void sessionIds_recomputedFromSameEvents_areIdentical() {
    Event a = Ev.at("10:00").build();
    Event b = Ev.at("10:05").build();
    assertEquals(sessionize(a, b).get(0).id(), sessionize(b, a).get(0).id());
  }

  @Test
  void sessionIds_differentSessions_differ() {
    var sessions = sessionize(Ev.at("10:00").build(), Ev.at("12:00").build());
    assertFalse(sessions.get(0).id().equals(sessions.get(1).id()));
  }

  @Test
  void stream_sessionPastTheTimeout_isEmittedBeforeFinish() {
    List<Session> emitted = new ArrayList<>();
    SessionStream stream = SESSIONIZER.stream(LATE_HORIZON, emitted::add);
    stream.accept(Ev.at("10:00").hint("x").build());
    stream.accept(Ev.at("10:01").build());
    stream.accept(Ev.at("11:00").build());
    assertEquals(2, emitted.size());
    stream.finish();
    assertEquals(3, emitted.size());
  }

  @Test
  void stream_eventBeforePreviousOfSameActor_isRejectedWithTheTimes() {
    SessionStream stream = SESSIONIZER.stream(LATE_HORIZON, s -> {});
    stream.accept(Ev.at("10:00").build());
    var error =
        assertThrows(IllegalArgumentException.class, () -> stream.accept(Ev.at("09:00").build()));
    assertTrue(error.getMessage().contains("came after"));
  }

  @Test
  void sessionizer_nonPositiveTimeout_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> new Sessionizer(Duration.ZERO));
  }
}
