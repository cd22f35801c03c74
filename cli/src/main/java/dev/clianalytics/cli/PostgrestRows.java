package dev.clianalytics.cli;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.json.JsonException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A starter {@code events} table read through PostgREST (Supabase's {@code /rest/v1/events}, or
 * this server's own), keyset-paged with {@code order=id.asc&id=gt.<last id>} and sent the key as
 * both {@code apikey} and {@code Authorization: Bearer}, as Supabase clients do.
 */
final class PostgrestRows implements SeedRows {
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String url;
  private final String token;

  private PostgrestRows(String url, String token) {
    this.url = url;
    this.token = token == null || token.isBlank() ? null : token.strip();
  }

  static PostgrestRows open(String url, String token) {
    if (url.contains("?")) {
      throw new CliException(
          "give the table's URL without a query (https://PROJECT.supabase.co/rest/v1/events);"
              + " import adds its own select, order and paging");
    }
    try {
      URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new CliException("the import source is not a valid URL: " + e.getMessage());
    }
    return new PostgrestRows(url.endsWith("/") ? url.substring(0, url.length() - 1) : url, token);
  }

  @Override
  public long total() {
    HttpResponse<String> r = get("?select=id&limit=1", "count=exact");
    String range = r.headers().firstValue("Content-Range").orElse("");
    int slash = range.indexOf('/');
    String total = slash < 0 ? "" : range.substring(slash + 1).strip();
    return total.matches("[0-9]{1,18}") ? Long.parseLong(total) : -1;
  }

  @Override
  public List<Row> page(String afterId, int size) {
    String query =
        "?select=id,payload&order=id.asc&limit="
            + size
            + (afterId == null
                ? ""
                : "&id=gt." + URLEncoder.encode(afterId, StandardCharsets.UTF_8));
    Object body;
    try {
      body = Json.parse(get(query, null).body());
    } catch (JsonException e) {
      throw new CliException("the source at " + url + " did not answer JSON rows");
    }
    if (!(body instanceof List<?> list)) {
      throw new CliException("the source at " + url + " did not answer a JSON array of rows");
    }
    List<Row> rows = new ArrayList<>(list.size());
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> m) || !(m.get("id") instanceof String id)) {
        throw new CliException(
            "the source at "
                + url
                + " answered a row without an id; is it an events(id, payload) table?");
      }
      rows.add(new Row(id, m.get("payload")));
    }
    return rows;
  }

  private HttpResponse<String> get(String query, String prefer) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url + query))
            .timeout(Duration.ofMinutes(2))
            .header("Accept", "application/json");
    if (token != null) {
      b.header("apikey", token).header("Authorization", "Bearer " + token);
    }
    if (prefer != null) {
      b.header("Prefer", prefer);
    }
    try {
      HttpResponse<String> r =
          http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (r.statusCode() != 200 && r.statusCode() != 206) {
        throw new CliException(
            "the source at "
                + url
                + " answered HTTP "
                + r.statusCode()
                + (r.statusCode() == 401 || r.statusCode() == 403
                    ? "; give a key that may read the table with --source-token or EVENTS_TOKEN"
                    : "")
                + detail(r.body()));
      }
      return r;
    } catch (IOException e) {
      throw new CliException("cannot read " + url + ": " + Errors.oneLine(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException("interrupted");
    }
  }

  private static String detail(String body) {
    try {
      if (Json.parse(body) instanceof Map<?, ?> m && m.get("message") instanceof String message) {
        return ": " + message;
      }
    } catch (JsonException e) {
      // Not a PostgREST error body; the status says enough.
    }
    return "";
  }

  @Override
  public void close() {
    // HttpClient needs no closing on Java 21.
  }
}
