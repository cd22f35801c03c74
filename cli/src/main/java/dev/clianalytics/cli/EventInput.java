package dev.clianalytics.cli;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.json.JsonException;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads JSON values from a file, {@code -} (standard input) or an http(s) URL: JSON Lines, a JSON
 * array, {@code {"events": [...]}} or a single object, optionally gzip-compressed. Lines stream one
 * at a time, so large JSON Lines files need little memory.
 */
final class EventInput {
  private EventInput() {}

  /** Calls {@code sink} with each value in order. */
  static void read(String source, String token, Consumer<Object> sink) throws IOException {
    if (isPagedRestUrl(source)) {
      readPages(source, token, sink);
      return;
    }
    readOnce(source, token, sink);
  }

  /** Rows per request when paging through a PostgREST table; our server's own maximum. */
  static final int PAGE_ROWS = 10_000;

  /** A PostgREST table URL without its own {@code limit}: read it page by page to the end. */
  private static boolean isPagedRestUrl(String source) {
    return (source.startsWith("http://") || source.startsWith("https://"))
        && source.contains("/rest/v1/")
        && !source.matches(".*[?&]limit=.*");
  }

  private static void readPages(String source, String token, Consumer<Object> sink)
      throws IOException {
    String base = source + (source.contains("?") ? "&" : "?") + "limit=" + PAGE_ROWS + "&offset=";
    for (long offset = 0; ; offset += PAGE_ROWS) {
      int[] rows = {0};
      readOnce(
          base + offset,
          token,
          row -> {
            rows[0]++;
            sink.accept(row);
          });
      if (rows[0] < PAGE_ROWS) {
        return;
      }
    }
  }

  private static void readOnce(String source, String token, Consumer<Object> sink)
      throws IOException {
    try (InputStream raw = open(source, token);
        BufferedInputStream in = new BufferedInputStream(maybeGunzip(raw), 1 << 16);
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
      int[] lineNumber = {0};
      String first = firstNonBlankLine(reader, lineNumber);
      if (first == null) {
        return;
      }
      if (!first.startsWith("[") && parsesWhole(first)) {
        sink.accept(Json.parse(first));
        readLines(reader, lineNumber[0], sink);
        return;
      }
      StringBuilder whole = new StringBuilder(first).append('\n');
      char[] buf = new char[1 << 16];
      for (int n; (n = reader.read(buf)) > 0; ) {
        whole.append(buf, 0, n);
      }
      unwrap(parse(whole.toString(), "the input"), sink);
    }
  }

  /** Every value as a list; for inputs that fit in memory. */
  static List<Object> readAll(String source, String token) throws IOException {
    List<Object> all = new ArrayList<>();
    read(source, token, all::add);
    return all;
  }

  private static void readLines(BufferedReader reader, int linesRead, Consumer<Object> sink)
      throws IOException {
    String line;
    int number = linesRead;
    while ((line = reader.readLine()) != null) {
      number++;
      if (!line.isBlank()) {
        sink.accept(parse(line, "line " + number));
      }
    }
  }

  private static void unwrap(Object doc, Consumer<Object> sink) {
    if (doc instanceof List<?> list) {
      list.forEach(sink);
    } else if (doc instanceof Map<?, ?> map && map.get("events") instanceof List<?> events) {
      events.forEach(sink);
    } else {
      sink.accept(doc);
    }
  }

  private static boolean parsesWhole(String line) {
    try {
      Json.parse(line);
      return true;
    } catch (JsonException e) {
      return false;
    }
  }

  private static Object parse(String text, String where) {
    try {
      return Json.parse(text);
    } catch (JsonException e) {
      throw new CliException("cannot read " + where + ": invalid JSON (" + e.getMessage() + ")");
    }
  }

  private static String firstNonBlankLine(BufferedReader reader, int[] lineNumber)
      throws IOException {
    String line;
    while ((line = reader.readLine()) != null) {
      lineNumber[0]++;
      if (!line.isBlank()) {
        return line.strip();
      }
    }
    return null;
  }

  private static InputStream maybeGunzip(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in;
  }

  private static InputStream open(String source, String token) throws IOException {
    if (source.equals("-")) {
      return System.in;
    }
    if (source.startsWith("http://") || source.startsWith("https://")) {
      return fetch(source, token);
    }
    try {
      return Files.newInputStream(Path.of(source));
    } catch (NoSuchFileException e) {
      throw new CliException("no such file: " + source);
    }
  }

  private static InputStream fetch(String url, String token) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofMinutes(5))
            .header("Accept", "application/json, application/x-ndjson");
    if (token != null && !token.isBlank()) {
      request.header("Authorization", "Bearer " + token).header("apikey", token);
    }
    try {
      HttpResponse<InputStream> response =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(10))
              .followRedirects(HttpClient.Redirect.NORMAL)
              .build()
              .send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() / 100 != 2) {
        response.body().close();
        throw new CliException(
            "fetching " + URI.create(url).getHost() + " answered HTTP " + response.statusCode());
      }
      return response.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted"));
    }
  }
}
