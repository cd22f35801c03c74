package dev.clianalytics.server.docs;

import dev.clianalytics.server.ServerInfo;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /openapi.json} (OpenAPI 3.1, kept as a resource beside this class) and {@code GET
 * /docs}, a Swagger UI page whose scripts come from the bundled webjar: no external requests.
 */
public final class DocsEndpoint {
  private final String openApi;
  private final String page;

  public DocsEndpoint(ServerInfo info) {
    this.openApi = resource("openapi.json").replace("${version}", info.version());
    this.page = resource("docs.html").replace("${swagger-ui.version}", info.swaggerUiVersion());
  }

  public void openApi(Context ctx) {
    ctx.contentType("application/json");
    ctx.result(openApi);
  }

  public void page(Context ctx) {
    ctx.contentType("text/html; charset=utf-8");
    ctx.result(page);
  }

  private static String resource(String name) {
    try (InputStream in = DocsEndpoint.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the server jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
