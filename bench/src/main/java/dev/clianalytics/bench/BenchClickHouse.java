package dev.clianalytics.bench;

import dev.clianalytics.server.storage.clickhouse.ClickHouseUrl;
import java.io.IOException;
import java.net.URI;
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
    ClickHouseUrl ch = ClickHouseUrl.parse(url);
    String auth = ch.user() + ":" + ch.password();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(ch.endpoint() + "/"))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8)))
            .POST(HttpRequest.BodyPublishers.ofString(sql))
            .build();
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IOException(sql + " failed on " + ch + ": " + r.body().strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + sql, e);
    }
  }
}
