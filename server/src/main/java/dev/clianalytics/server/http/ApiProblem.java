package dev.clianalytics.server.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request that cannot be served, rendered by {@link ProblemMapper} as {@code
 * application/problem+json} (RFC 9457) with {@code type}, {@code title}, {@code status}, {@code
 * detail} and any extension members. The detail never contains request bodies or secrets.
 */
public final class ApiProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String slug;
  private final String title;
  private final transient Map<String, Object> extensions;
  private final transient Map<String, String> headers;

  public ApiProblem(
      int status, String slug, String title, String detail, Map<String, Object> extensions) {
    this(status, slug, title, detail, extensions, Map.of());
  }

  private ApiProblem(
      int status,
      String slug,
      String title,
      String detail,
      Map<String, Object> extensions,
      Map<String, String> headers) {
    super(detail, null, false, false);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("a problem status is 4xx or 5xx, was " + status);
    }
    this.status = status;
    this.slug = Objects.requireNonNull(slug, "slug");
    this.title = Objects.requireNonNull(title, "title");
    // a copy that keeps null members: PostgREST-shaped errors answer "hint": null
    this.extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    this.headers = Map.copyOf(headers);
  }

  public static ApiProblem badRequest(String detail) {
    return new ApiProblem(400, "bad-request", "Bad request", detail, Map.of());
  }

  public static ApiProblem unsupportedMediaType(String detail) {
    return new ApiProblem(
        415, "unsupported-media-type", "Unsupported media type", detail, Map.of());
  }

  public static ApiProblem tooLarge(String detail) {
    return new ApiProblem(413, "payload-too-large", "Payload too large", detail, Map.of());
  }

  public static ApiProblem notFound(String detail) {
    return new ApiProblem(404, "not-found", "Not found", detail, Map.of());
  }

  public static ApiProblem unauthorized(String detail) {
    return new ApiProblem(401, "unauthorized", "Unauthorized", detail, Map.of());
  }

  public static ApiProblem forbidden(String detail) {
    return new ApiProblem(403, "forbidden", "Forbidden", detail, Map.of());
  }

  public static ApiProblem unavailable(String detail) {
    return new ApiProblem(503, "database-unavailable", "Service unavailable", detail, Map.of());
  }

  /** A 429 telling the client, in {@code Retry-After}, how many whole seconds to wait. */
  public static ApiProblem tooManyRequests(String detail, long retryAfterSeconds) {
    if (retryAfterSeconds < 1) {
      throw new IllegalArgumentException("Retry-After is at least 1 second");
    }
    return new ApiProblem(
        429,
        "rate-limited",
        "Too many requests",
        detail,
        Map.of(),
        Map.of("Retry-After", Long.toString(retryAfterSeconds)));
  }

  /** A 400 listing what was wrong with which item: {@code errors: [{index, field, message}]}. */
  public static ApiProblem validation(
      String detail, List<Map<String, Object>> errors, Map<String, Object> more) {
    Map<String, Object> ext = new LinkedHashMap<>(more);
    ext.put("errors", errors);
    return new ApiProblem(400, "validation", "Invalid event", detail, ext);
  }

  public int status() {
    return status;
  }

  /** Response headers that belong to the problem, such as {@code Retry-After}. */
  public Map<String, String> headers() {
    return headers;
  }

  /** The problem as its JSON document. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", ProblemMapper.TYPE_PREFIX + slug);
    json.put("title", title);
    json.put("status", status);
    json.put("detail", getMessage());
    json.putAll(extensions);
    return json;
  }
}
