package dev.clianalytics.client;

import dev.clianalytics.client.internal.ClientConfig;
import java.net.URI;
import java.util.Objects;

/**
 * What a maintainer builds into the tool: its name and version, where events go, and how consent
 * works. The endpoint and token built in here are the normal way to ship the SDK; the user's {@code
 * MYTOOL_TELEMETRY_URL}/{@code EVENTS_URL} and token variables still win over them
 * (docs/client.md).
 *
 * <pre>{@code
 * TelemetrySettings settings =
 *     TelemetrySettings.builder("mytool", "1.4.0")
 *         .endpoint("https://analytics.example.com/ingest")
 *         .token("ing_public_key")
 *         .build();
 * }</pre>
 */
public final class TelemetrySettings {
  private final String toolName;
  private final String toolVersion;
  private final URI endpoint;
  private final String token;
  private final boolean optOut;
  private final boolean hideAnalyticsOption;
  private final String moreInfoUrl;
  private final boolean reportsRuntime;

  private TelemetrySettings(Builder b) {
    this.toolName = b.toolName;
    this.toolVersion = b.toolVersion;
    this.endpoint = b.endpoint;
    this.token = b.token;
    this.optOut = b.optOut;
    this.hideAnalyticsOption = b.hideAnalyticsOption;
    this.moreInfoUrl = b.moreInfoUrl;
    this.reportsRuntime = b.reportsRuntime;
  }

  /**
   * Starts settings for {@code toolName} (not blank, the name users type, cut to 64 characters in
   * events; it also names the tool's variables, {@code my-tool} → {@code MY_TOOL_TELEMETRY}) at
   * {@code toolVersion} (may be null).
   */
  public static Builder builder(String toolName, String toolVersion) {
    return new Builder(toolName, toolVersion);
  }

  public String toolName() {
    return toolName;
  }

  public String toolVersion() {
    return toolVersion;
  }

  /** The built-in endpoint, or null when the user must set one. */
  public URI endpoint() {
    return endpoint;
  }

  /** The built-in ingest token, or null. Never printed by the SDK. */
  public String token() {
    return token;
  }

  /** Whether telemetry is on until the user turns it off; false (opt-in) by default. */
  public boolean optOut() {
    return optOut;
  }

  /** Whether {@code --analytics} is left out of {@code --help}; it still works. */
  public boolean hideAnalyticsOption() {
    return hideAnalyticsOption;
  }

  /** The page the first-run notice and {@code telemetry status} point to, or null. */
  public String moreInfoUrl() {
    return moreInfoUrl;
  }

  /** Whether events carry this JVM's {@code runtime} ({@code java-21}); true unless turned off. */
  public boolean reportsRuntime() {
    return reportsRuntime;
  }

  @Override
  public String toString() {
    return "TelemetrySettings[tool=%s, version=%s, endpoint=%s, token=%s, optOut=%s]"
        .formatted(toolName, toolVersion, endpoint, token == null ? "unset" : "****", optOut);
  }

  /** Builds {@link TelemetrySettings}; each setter checks its argument. */
  public static final class Builder {
    private final String toolName;
    private final String toolVersion;
    private URI endpoint;
    private String token;
    private boolean optOut;
    private boolean hideAnalyticsOption;
    private String moreInfoUrl;
    private boolean reportsRuntime = true;

    private Builder(String toolName, String toolVersion) {
      Objects.requireNonNull(toolName, "toolName");
      String name = toolName.trim();
      if (name.isEmpty()) {
        throw new IllegalArgumentException("toolName must not be blank");
      }
      this.toolName = name;
      this.toolVersion = toolVersion;
    }

    /**
     * Where events go: the server's {@code /ingest} or a PostgREST {@code /rest/v1/events} URL,
     * {@code http://} or {@code https://}, without user info (put the token in {@link #token}).
     */
    public Builder endpoint(String url) {
      this.endpoint = httpUrl(Objects.requireNonNull(url, "url"));
      return this;
    }

    /** The ingest token sent as {@code Authorization: Bearer}; an ingest-only token, not admin. */
    public Builder token(String token) {
      Objects.requireNonNull(token, "token");
      if (token.isBlank()) {
        throw new IllegalArgumentException("token must not be blank; leave it unset instead");
      }
      this.token = token.trim();
      return this;
    }

    /**
     * Telemetry on unless the user turns it off, with a one-time notice on stderr at the first run
     * (which sends nothing). Without this call the tool sends only after the user opts in.
     */
    public Builder optOut() {
      this.optOut = true;
      return this;
    }

    /** Leaves {@code --analytics} out of {@code --help} (picocli tools); it still works. */
    public Builder hideAnalyticsOption() {
      this.hideAnalyticsOption = true;
      return this;
    }

    /** A page about the tool's telemetry, named by the notice and {@code telemetry status}. */
    public Builder moreInfoUrl(String url) {
      this.moreInfoUrl = httpUrl(Objects.requireNonNull(url, "url")).toString();
      return this;
    }

    /**
     * Leaves {@code runtime} out of events, for a wrapper such as {@code cli-analytics exec} whose
     * JVM is not the runtime of the program it records; {@code os} and {@code arch} stay.
     */
    public Builder withoutRuntime() {
      this.reportsRuntime = false;
      return this;
    }

    public TelemetrySettings build() {
      return new TelemetrySettings(this);
    }

    private static URI httpUrl(String url) {
      URI uri = ClientConfig.parseUrl(url);
      if (uri == null) {
        throw new IllegalArgumentException(
            "endpoint must be an http:// or https:// URL with a host and no user info,"
                + " such as https://analytics.example.com/ingest");
      }
      return uri;
    }
  }
}
