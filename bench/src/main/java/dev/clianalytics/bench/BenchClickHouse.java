package dev.clianalytics.bench;

import dev.clianalytics.server.storage.clickhouse.ClickHouseUrl;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The scratch database of a benchmark run on ClickHouse, made and dropped over plain HTTP. */
final class BenchClickHouse {
  private BenchClickHouse() {}

  /** {@code url} naming {@code database} instead of its own. */
  static String withDatabase(String url, String database) {
    int query = url.indexOf('?');
    String base = query < 0 ? url : url.substring(0, query);
    return base.substring(0, base.lastIndexOf('/') + 1)
        + database
        + (query < 0 ? "" : url.substring(query));
  }

  static void execute(String url, String sql) throws IOException {
    post(url, sql, new byte[0]);
  }

  /**
   * Runs {@code sql} in {@code url}'s database with {@code body} as its data (an {@code INSERT ...
   * FORMAT} reads it; anything else is given it empty) and returns the answer's bytes.
   */
  static byte[] post(String url, String sql, byte[] body) throws IOException {
    ClickHouseUrl ch = ClickHouseUrl.parse(url);
    String auth = ch.user() + ":" + ch.password();
    boolean inQuery = body.length > 0;
    String query =
        "/?database="
            + URLEncoder.encode(ch.database(), StandardCharsets.UTF_8)
            + (inQuery ? "&query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8) : "");
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(ch.endpoint() + query))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8)))
            .POST(
                HttpRequest.BodyPublishers.ofByteArray(
                    inQuery ? body : sql.getBytes(StandardCharsets.UTF_8)))
            .build();
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) {
        throw new IOException(
            sql + " failed on " + ch + ": " + new String(r.body(), StandardCharsets.UTF_8).strip());
      }
      return r.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + sql, e);
    }
  }
}
