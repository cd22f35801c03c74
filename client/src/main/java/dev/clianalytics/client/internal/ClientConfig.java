package dev.clianalytics.client.internal;

import dev.clianalytics.client.TelemetrySettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the SDK reads from the environment and the tool's saved choice, read once at start
 * (docs/client.md). The token is kept out of {@link #toString()} so the config can never leak it
 * into a log.
 *
 * @param decision whether this run sends, and why not
 * @param consent which setting turned telemetry on or off
 * @param url where events go; null when unset or invalid
 * @param token sent as {@code Authorization: Bearer} (and {@code apikey} for PostgREST); may be
 *     null
 * @param postgrest true when the URL path contains {@code /rest/v1/}: events are wrapped as {@code
 *     {"payload": ...}} rows
 * @param debug EVENTS_DEBUG: print what would be sent to stderr and send nothing
 * @param flushTimeout the longest wait at exit, EVENTS_FLUSH_TIMEOUT_MS (default 300 ms)
 * @param dirs where the install id, the tools' saved choices and the spool live
 * @param ciDetected whether a CI service was detected
 */
public record ClientConfig(
    Decision decision,
    Consent consent,
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
    Objects.requireNonNull(consent, "consent");
    Objects.requireNonNull(flushTimeout, "flushTimeout");
    Objects.requireNonNull(dirs, "dirs");
  }

  /**
   * Reads the configuration of the tool of {@code settings} from {@code env} (never mutated), its
   * saved choice, and the invocation's arguments, where {@code --analytics} opts in for this run.
   */
  public static ClientConfig from(
      TelemetrySettings settings, Map<String, String> env, List<String> args) {
    return from(
        settings,
        env,
        args.contains("--analytics"),
        System.getProperty("os.name"),
        System.getProperty("user.home"));
  }

  static ClientConfig from(
      TelemetrySettings settings,
      Map<String, String> env,
      boolean analyticsFlag,
      String osName,
      String userHome) {
    ToolEnv tool = new ToolEnv(env, settings.toolName());
    UserDirs dirs = UserDirs.resolve(env, osName, userHome);
    ToolState saved = ToolState.read(ToolState.file(dirs.config(), settings.toolName()));
    Consent consent = Consent.of(tool, saved, analyticsFlag, settings.optOut());
    String rawUrl = blankToNull(tool.get(ToolEnv.URL));
    URI url = rawUrl == null ? settings.endpoint() : parseUrl(rawUrl);
    String token = blankToNull(tool.get(ToolEnv.TOKEN));
    return new ClientConfig(
        decide(consent, saved, rawUrl != null || settings.endpoint() != null, url),
        consent,
        url,
        token == null ? settings.token() : token,
        url != null && url.getRawPath() != null && url.getRawPath().contains("/rest/v1/"),
        Truthy.isTruthy(tool.get(ToolEnv.DEBUG)),
        flushTimeout(tool.get(ToolEnv.FLUSH_TIMEOUT_MS)),
        dirs,
        CiDetector.detect(env));
  }

  /**
   * A configuration that never sends, for when the environment could not even be read (say, a
   * directory variable that is not a valid path): telemetry must not be why a tool fails to start.
   */
  public static ClientConfig off() {
    return new ClientConfig(
        Decision.OFF_BY_DEFAULT,
        Consent.OPT_IN_DEFAULT,
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
    if (consent == Consent.DO_NOT_TRACK || decision.sends()) {
      return this;
    }
    Decision d = url == null ? Decision.OFF_NO_URL : Decision.SEND;
    return new ClientConfig(
        d, Consent.ANALYTICS_FLAG, url, token, postgrest, debug, flushTimeout, dirs, ciDetected);
  }

  /** The same configuration after {@code telemetry off}: nothing more is sent in this run. */
  ClientConfig turnedOff() {
    return new ClientConfig(
        Decision.OFF_TURNED_OFF,
        Consent.SAVED_OFF,
        url,
        token,
        postgrest,
        debug,
        flushTimeout,
        dirs,
        ciDetected);
  }

  private static Decision decide(Consent consent, ToolState saved, boolean urlSet, URI url) {
    if (!consent.on()) {
      return switch (consent) {
        case DO_NOT_TRACK -> Decision.OFF_DO_NOT_TRACK;
        case OPT_IN_DEFAULT -> Decision.OFF_BY_DEFAULT;
        default -> Decision.OFF_TURNED_OFF;
      };
    }
    if (!urlSet) {
      return Decision.OFF_NO_URL;
    }
    if (url == null) {
      return Decision.OFF_BAD_URL;
    }
    if (consent == Consent.OPT_OUT_DEFAULT && !saved.noticeShown()) {
      return Decision.OFF_FIRST_RUN;
    }
    return Decision.SEND;
  }

  /** The URL when it is {@code http://} or {@code https://} with a host and no user info. */
  public static URI parseUrl(String raw) {
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
    return "ClientConfig[decision=%s, consent=%s, url=%s, token=%s, postgrest=%s, debug=%s, flushTimeout=%s, dirs=%s, ci=%s]"
        .formatted(
            decision,
            consent,
            url == null ? null : url.getScheme() + "://" + url.getHost() + url.getRawPath(),
            token == null ? "unset" : "****",
            postgrest,
            debug,
            flushTimeout,
            dirs,
            ciDetected);
  }
}
