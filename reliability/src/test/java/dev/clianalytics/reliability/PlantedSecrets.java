package dev.clianalytics.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Raw events full of secrets, as a careless tool would send them: credentials, tokens, paths,
 * addresses and identities in every field that can carry text, plus fields outside the schema.
 * Every planted secret carries a random marker, and {@link #needles()} lists what must never be
 * found on the other side of the privacy rules.
 */
final class PlantedSecrets {
  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final String[] TOOLS = {"terraform", "git", "kubectl", "npm", "docker"};

  private final Random random;
  private final Set<String> needles = new LinkedHashSet<>();
  private final Set<String> rawIds = new LinkedHashSet<>();

  PlantedSecrets(long seed) {
    this.random = new Random(seed);
  }

  /** Every secret value planted so far; none may appear after the privacy rules. */
  Set<String> needles() {
    return needles;
  }

  /** Every raw actor, machine and session identifier planted so far. */
  Set<String> rawIds() {
    return rawIds;
  }

  /** A random mixed-case letters-and-digits marker that no rule could mistake for a word. */
  String marker() {
    StringBuilder b = new StringBuilder("Qz9");
    for (int i = 0; i < 17; i++) {
      b.append(ALNUM.charAt(random.nextInt(ALNUM.length())));
    }
    String m = b.toString();
    needles.add(m);
    return m;
  }

  /** An error message carrying one secret of the given kind (0 to 12). */
  String message(int kind) {
    String m = marker();
    return switch (kind % 13) {
      case 0 -> "push to https://deploy:" + m + "@git.example.com/team/repo.git failed";
      case 1 -> plant("bad credentials: ", "ghp_" + m + m.substring(0, 16));
      case 2 -> plant("AWS key ", "AKIA" + upper(16)) + " is not authorized";
      case 3 -> plant("using ", "sk-proj-" + m + m) + " for completion";
      case 4 -> plant("token rejected: ", jwt(m));
      case 5 -> "export DB_PASSWORD=" + m + " was ignored";
      case 6 -> "connection to postgresql://admin:" + m + "@db.internal:5432/prod refused";
      case 7 -> "open /home/zorbax/work/" + m + "/main.tf: no such file or directory";
      case 8 -> plant("could not notify zorbax.", m.toLowerCase()) + "@corp.example.com";
      case 9 ->
          "-----BEGIN RSA PRIVATE KEY-----\nMIIEow" + m + m + "\n-----END RSA PRIVATE KEY-----";
      case 10 -> "request failed: Authorization: Bearer " + m;
      case 11 -> plant("host ", ip()) + " unreachable (" + m + ".example.com)";
      default -> "cannot write C:\\Users\\zorbax\\AppData\\" + m + "\\state.json";
    };
  }

  /** One raw event with secrets in every text field, the identifiers raw and identifying. */
  Map<String, Object> event(int i, String actor) {
    String tool = TOOLS[i % TOOLS.length];
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("event_id", UUID.randomUUID().toString());
    e.put("timestamp", Instant.now().minus(5 + i % 600, ChronoUnit.MINUTES).toString());
    e.put("tool_name", tool);
    e.put("tool_version", "1." + (i % 4) + ".0");
    e.put("command_path", List.of(tool, i % 2 == 0 ? "apply" : "push", valueArgument(i)));
    e.put(
        "flags_present",
        List.of(
            "--token=" + marker(),
            "--out=/home/zorbax/" + marker(),
            "-p" + marker(),
            "--db=postgresql://u:" + marker() + "@h/d",
            "--force"));
    e.put("exit_code", i % 3 == 0 ? 0 : 1);
    e.put("duration_ms", 100 + i);
    e.put("error_type", "Failed password=" + marker());
    e.put("error_message", message(i));
    e.put("actor_id", rawId(actor));
    e.put("machine_id", rawId("laptop-of-" + actor));
    e.put("session_hint", rawId("pts-" + actor + "-" + (i % 3)));
    e.put("ci_detected", false);
    e.put("environment", Map.of("GITHUB_TOKEN", "ghp_" + marker() + "0123456789abcdef"));
    e.put("password", marker());
    return e;
  }

  /** {@code n} raw events spread over a few actors. */
  List<Map<String, Object>> events(int n) {
    List<Map<String, Object>> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(event(i, actor(i % 7)));
    }
    return out;
  }

  /** The raw id (an email address) of the {@code i}-th actor of {@link #events}. */
  String actor(int i) {
    return "dev" + i + "." + actorSuffix(i) + "@corp.example.com";
  }

  /** Records {@code id} as a raw identifier and returns it. */
  String rawId(String id) {
    rawIds.add(id);
    return id;
  }

  private final Map<Integer, String> actorSuffixes = new LinkedHashMap<>();

  private String actorSuffix(int actor) {
    return actorSuffixes.computeIfAbsent(actor, a -> "Zq" + upper(8).toLowerCase());
  }

  private String valueArgument(int i) {
    String m = marker();
    return switch (i % 3) {
      case 0 -> "https://tok" + m + "@github.com/x";
      case 1 -> m;
      default -> "/srv/" + m;
    };
  }

  private String plant(String prefix, String secret) {
    needles.add(secret);
    return prefix + secret;
  }

  private String upper(int length) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < length; i++) {
      b.append(ALNUM.charAt(random.nextInt(26)));
    }
    return b.toString();
  }

  private String ip() {
    return "10."
        + (1 + random.nextInt(250))
        + "."
        + random.nextInt(256)
        + "."
        + random.nextInt(256);
  }

  private static String jwt(String marker) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header =
        b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String body =
        b64.encodeToString(("{\"sub\":\"" + marker + "\"}").getBytes(StandardCharsets.UTF_8));
    return header + "." + body + "." + b64.encodeToString(marker.getBytes(StandardCharsets.UTF_8));
  }
}
