package dev.clianalytics.core.sample;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** Appends the raw events of one simulated working session, advancing its clock. */
final class SessionWriter {
  private final Random random;
  private final Persona persona;
  private final LocalDate day;
  private final ToolVersions versions;
  private final List<Map<String, Object>> out;
  private final int budget;
  private Instant clock;

  SessionWriter(
      Random random,
      Persona persona,
      LocalDate day,
      ToolVersions versions,
      Instant start,
      List<Map<String, Object>> out,
      int budget) {
    this.random = random;
    this.persona = persona;
    this.day = day;
    this.versions = versions;
    this.clock = start;
    this.out = out;
    this.budget = budget;
  }

  Random random() {
    return random;
  }

  boolean ci() {
    return persona.ci();
  }

  /** True once the session has used its event budget; scripts stop early then. */
  boolean full() {
    return out.size() >= budget;
  }

  String version(String tool) {
    return versions.versionOf(tool, day, persona.upgradeLagDays());
  }

  /** Waits between {@code minSeconds} and {@code maxSeconds} before the next command. */
  void think(int minSeconds, int maxSeconds) {
    clock = clock.plusMillis(1000L * (minSeconds + random.nextInt(maxSeconds - minSeconds + 1)));
  }

  /** Records one command; {@code error} is {@code {error_type, error_message}} for failures. */
  void run(Command command, Ending ending, String[] error) {
    if (full()) {
      return;
    }
    long duration = command.minMillis() + (long) (random.nextDouble() * command.spreadMillis());
    if (ending == Ending.INTERRUPT) {
      duration = duration / 3;
    }
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event_id", uuid().toString());
    e.put("timestamp", clock.toString());
    String tool = command.argv().get(0);
    e.put("tool_name", tool);
    e.put("tool_version", version(tool));
    e.put("command_path", command.argv());
    e.put("flags_present", command.flags());
    e.put("exit_code", ending.exitCode(command.failureCode()));
    e.put("duration_ms", duration);
    if (ending == Ending.FAIL && error != null) {
      e.put("error_type", error[0]);
      e.put("error_message", error[1]);
    } else if (ending == Ending.INTERRUPT) {
      e.put("error_type", "Interrupted");
    }
    e.put("actor_id", persona.rawActorId());
    e.put("machine_id", persona.rawMachineId());
    e.put("ci_detected", persona.ci());
    platform(e, persona.rawActorId());
    out.add(e);
    clock = clock.plusMillis(duration);
  }

  /**
   * Each persona's machine: six in ten on Linux, three on macOS (half of them Apple silicon), one
   * on Windows; taken from the actor id, so the random stream of the rest is unchanged.
   */
  private static void platform(Map<String, Object> e, String actor) {
    int h = Math.floorMod(actor.hashCode(), 10);
    e.put("os", h < 6 ? "linux" : h < 9 ? "darwin" : "windows");
    e.put("arch", h == 3 || h == 6 || h == 8 ? "arm64" : "amd64");
  }

  private UUID uuid() {
    long hi = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lo = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(hi, lo);
  }

  /** A command as a careless client would record it: full argv and flags with their values. */
  record Command(
      List<String> argv, List<String> flags, int failureCode, long minMillis, long spreadMillis) {
    static Command of(String argv, String flags, int failureCode, long minMillis, long maxMillis) {
      return new Command(
          List.of(argv.split(" ")),
          flags.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(flags.split(" "))),
          failureCode,
          minMillis,
          Math.max(1, maxMillis - minMillis));
    }
  }
}
