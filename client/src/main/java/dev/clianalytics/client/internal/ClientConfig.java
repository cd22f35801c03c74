package dev.clianalytics.client.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the SDK reads from the environment, read once at start (docs/client.md). The token is
 * kept out of {@link #toString()} so the config can never leak it into a log.
 *
 * @param decision whether this run sends, and why not
 * @param url where events go; null when unset or invalid
 * @param token sent as {@code Authorization: Bearer} (and {@code apikey} for PostgREST); may be
 *     null
 * @param postgrest true when the URL path contains {@code /rest/v1/}: events are wrapped as {@code
 *     {"payload": ...}} rows
 * @param debug EVENTS_DEBUG: print what would be sent to stderr and send nothing
 * @param flushTimeout the longest wait at exit, EVENTS_FLUSH_TIMEOUT_MS (default 300 ms)
 * @param dirs where the install id and the spool live
 * @param ciDetected whether a CI service was detected
 */
public record ClientConfig(
    Decision decision,
    URI url,
    String token,
    boolean postgrest,
    boolean debug,
    Duration flushTimeout,
    UserDirs dirs,
    boolean ciDetected) {

  /** Default of {@code EVENTS_FLUSH_TIMEOUT_MS}. */
  public static final Duration DEFAULT_FLUSH_TIMEOUT = Duration.ofMillis(300);

  /** Longest accepted {@code EVENTS_FLUSH_TIMEOUT_MS}: a minute; larger values are capped. */
  static final long MAX_FLUSH_TIMEOUT_MS = 60_000;

  public ClientConfig {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(flushTimeout, "flushTimeout");
    Objects.requireNonNull(dirs, "dirs");
  }

  /**
   * Reads the configuration from {@code env} (never mutated) and the invocation's arguments, where
   * {@code --analytics} opts in for this run.
   */
  public static ClientConfig from(Map<String, String> env, List<String> args) {
    return from(
        env,
        args.contains("--analytics"),
        System.getProperty("os.name"),
        System.getProperty("user.home"));
  }

  static ClientConfig from(
      Map<String, String> env, boolean analyticsFlag, String osName, String userHome) {
    URI url = parseUrl(env.get("EVENTS_URL"));
    String token = blankToNull(env.get("EVENTS_TOKEN"));
    return new ClientConfig(
        decide(env, analyticsFlag, url),
        url,
        token,
        url != null && url.getRawPath() != null && url.getRawPath().contains("/rest/v1/"),
        Truthy.isTruthy(env.get("EVENTS_DEBUG")),
        flushTimeout(env.get("EVENTS_FLUSH_TIMEOUT_MS")),
        UserDirs.resolve(env, osName, userHome),
        CiDetector.detect(env));
  }

  /**
   * A configuration that never sends, for when the environment could not even be read (say, a
   * directory variable that is not a valid path): telemetry must not be why a tool fails to start.
   */
  public static ClientConfig off() {
    return new ClientConfig(
        Decision.OFF_BY_DEFAULT,
        null,
        null,
        false,
        false,
        DEFAULT_FLUSH_TIMEOUT,
        new UserDirs(java.nio.file.Path.of("."), java.nio.file.Path.of(".")),
        false);
  }

  /** The same configuration with {@code --analytics} seen after start, as the picocli hook does. */
  public ClientConfig withAnalyticsFlag() {
    if (decision != Decision.OFF_BY_DEFAULT) {
      return this;
    }
    Decision d = url == null ? Decision.OFF_NO_URL : Decision.SEND;
    return new ClientConfig(d, url, token, postgrest, debug, flushTimeout, dirs, ciDetected);
  }

  private static Decision decide(Map<String, String> env, boolean analyticsFlag, URI url) {
    if (Truthy.isTruthy(env.get("DO_NOT_TRACK"))) {
      return Decision.OFF_DO_NOT_TRACK;
    }
    if (!analyticsFlag && !Truthy.isTruthy(env.get("EVENTS_ENABLED"))) {
      return Decision.OFF_BY_DEFAULT;
    }
    String raw = env.get("EVENTS_URL");
    if (raw == null || raw.isBlank()) {
      return Decision.OFF_NO_URL;
    }
    return url == null ? Decision.OFF_BAD_URL : Decision.SEND;
  }

  private static URI parseUrl(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      URI uri = new URI(raw.trim());
      String scheme = uri.getScheme();
      boolean http = "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
      return http && uri.getHost() != null && uri.getRawUserInfo() == null ? uri : null;
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  private static Duration flushTimeout(String raw) {
    if (raw == null || raw.isBlank()) {
      return DEFAULT_FLUSH_TIMEOUT;
    }
    try {
      long ms = Long.parseLong(raw.trim());
      return ms < 0 ? DEFAULT_FLUSH_TIMEOUT : Duration.ofMillis(Math.min(ms, MAX_FLUSH_TIMEOUT_MS));
    } catch (NumberFormatException e) {
      return DEFAULT_FLUSH_TIMEOUT;
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  @Override
  public String toString() {
    return "ClientConfig[decision=%s, url=%s, token=%s, postgrest=%s, debug=%s, flushTimeout=%s, dirs=%s, ci=%s]"
        .formatted(
            decision,
            url == null ? null : url.getScheme() + "://" + url.getHost() + url.getRawPath(),
            token == null ? "unset" : "****",
            postgrest,
            debug,
            flushTimeout,
            dirs,
            ciDetected);
  }
}
