package dev.clianalytics.core.sample;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Realistic, deterministic sample events for a seed: several tools, people and CI runners over
 * several weeks, with failures, retries, recoveries, abandoned work, interrupts, a few late and
 * out-of-order events, several tool versions (terraform 1.8.0's {@code apply} is a planted
 * regression) and the raw values a careless client sends. Events stream out day by day in arrival
 * order, so memory stays bounded by one day.
 */
public final class SampleGenerator {
  private static final List<String> HUMAN_TOOLS =
      List.of("terraform", "kubectl", "npm", "git", "docker", "ai-do");
  private static final String[] NAMES = {
    "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory",
    "niaj", "olivia", "peggy", "rupert", "sybil", "trent", "victor", "walter", "yolanda"
  };

  private static final int OPEN_SESSION_EVENTS = 2;

  private final SampleOptions options;
  private final Random random;
  private final List<Persona> personas;
  private final ToolVersions versions;
  private final LocalDate start;

  public SampleGenerator(SampleOptions options) {
    this.options = options;
    this.random = new Random(options.seed());
    this.start = options.endDate().minusDays(options.days() - 1L);
    this.versions = new ToolVersions(start, options.days());
    this.personas = personas();
  }

  /** All events, in arrival order; for large samples prefer {@link #generate(Consumer)}. */
  public List<Map<String, Object>> generate() {
    List<Map<String, Object>> all = new ArrayList<>(options.events());
    generate(all::add);
    return all;
  }

  /** Streams exactly {@code options.events()} raw events to {@code sink} in arrival order. */
  public void generate(Consumer<Map<String, Object>> sink) {
    double[] weights = new double[options.days()];
    double total = 0;
    for (int d = 0; d < weights.length; d++) {
      DayOfWeek dow = start.plusDays(d).getDayOfWeek();
      weights[d] = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY ? 0.25 : 1.0;
      total += weights[d];
    }
    List<Map<String, Object>> late = new ArrayList<>();
    int emitted = 0;
    double cumulative = 0;
    for (int d = 0; d < weights.length; d++) {
      cumulative += weights[d];
      boolean last = d == weights.length - 1;
      int target =
          last ? options.events() : (int) Math.round(options.events() * cumulative / total);
      int planted = last && target - emitted > OPEN_SESSION_EVENTS ? OPEN_SESSION_EVENTS : 0;
      List<Map<String, Object>> dayEvents = day(start.plusDays(d), target - emitted - planted);
      if (planted > 0) {
        openSession(start.plusDays(d), dayEvents);
      }
      emitted += dayEvents.size();
      List<Map<String, Object>> heldBack = new ArrayList<>();
      arrivalOrder(dayEvents, heldBack);
      late.forEach(sink);
      late = heldBack;
      dayEvents.forEach(sink);
    }
    late.forEach(sink);
  }

  /**
   * Ends the sample with someone halfway through {@code terraform init > plan}: the newest events
   * of all, so the session is still open at the inference horizon and {@code apply_workflow} shows
   * an IN_PROGRESS run.
   */
  private void openSession(LocalDate day, List<Map<String, Object>> dayEvents) {
    Instant newest = day.atStartOfDay().toInstant(ZoneOffset.UTC);
    for (Map<String, Object> e : dayEvents) {
      Instant t = Instant.parse((String) e.get("timestamp"));
      newest = t.isAfter(newest) ? t : newest;
    }
    Persona human = personas.get(personas.size() - 1);
    SessionWriter s =
        new SessionWriter(
            random,
            human,
            day,
            versions,
            newest.plusSeconds(60),
            dayEvents,
            dayEvents.size() + OPEN_SESSION_EVENTS);
    s.run(SessionWriter.Command.of("terraform init", "", 1, 2_000, 15_000), Ending.OK, null);
    s.think(10, 60);
    s.run(
        SessionWriter.Command.of("terraform plan", "-out=plan.tfplan", 1, 4_000, 30_000),
        Ending.OK,
        null);
  }

  /** Shuffles ~1% of neighbours and holds back ~0.3% of events to arrive after the next day. */
  private void arrivalOrder(List<Map<String, Object>> events, List<Map<String, Object>> heldBack) {
    events.sort(Comparator.comparing(e -> (String) e.get("timestamp")));
    for (int i = 1; i < events.size(); i++) {
      if (random.nextDouble() < 0.01) {
        events.set(i - 1, events.set(i, events.get(i - 1)));
      }
    }
    for (int i = events.size() - 1; i >= 0; i--) {
      if (random.nextDouble() < 0.003) {
        heldBack.add(events.remove(i));
      }
    }
  }

  private List<Map<String, Object>> day(LocalDate day, int quota) {
    List<Map<String, Object>> events = new ArrayList<>(Math.max(quota, 0));
    while (events.size() < quota) {
      Persona p = personas.get(random.nextInt(personas.size()));
      if (random.nextDouble() > p.activity()) {
        continue;
      }
      int startMinute = p.ci() ? random.nextInt(24 * 60 - 60) : 8 * 60 + random.nextInt(10 * 60);
      Instant begin =
          day.atStartOfDay()
              .toInstant(ZoneOffset.UTC)
              .plusSeconds(60L * startMinute + random.nextInt(60));
      SessionWriter session = new SessionWriter(random, p, day, versions, begin, events, quota);
      int tasks = 1 + random.nextInt(p.ci() ? 2 : 4);
      for (int t = 0; t < tasks && !session.full(); t++) {
        Scripts.task(p.tools().get(random.nextInt(p.tools().size())), session);
        session.think(60, 900);
      }
    }
    return events;
  }

  private List<Persona> personas() {
    List<Persona> list = new ArrayList<>();
    int ciRunners = Math.max(1, options.actors() / 5);
    for (int i = 0; i < options.actors(); i++) {
      boolean ci = i < ciRunners;
      String name = NAMES[i % NAMES.length] + (i >= NAMES.length ? String.valueOf(i) : "");
      String actor = ci ? "ci-runner-" + i : i % 3 == 0 ? name + "@example.com" : "dev-" + name;
      List<String> tools = ci ? ciTools(i) : humanTools();
      list.add(
          new Persona(
              actor,
              (ci ? "ci-host-" : "laptop-") + i,
              ci,
              tools,
              0.3 + random.nextDouble() * 0.7,
              random.nextInt(Math.max(1, options.days() / 3))));
    }
    return list;
  }

  private static List<String> ciTools(int i) {
    return switch (i % 3) {
      case 0 -> List.of("terraform", "npm");
      case 1 -> List.of("npm", "docker");
      default -> List.of("terraform", "docker", "kubectl");
    };
  }

  private List<String> humanTools() {
    List<String> tools = new ArrayList<>();
    tools.add("terraform");
    for (String t : HUMAN_TOOLS.subList(1, HUMAN_TOOLS.size())) {
      if (random.nextDouble() < 0.55) {
        tools.add(t);
      }
    }
    return tools;
  }
}
