package dev.clianalytics.server.dashboard;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;

/**
 * The dashboard at {@code GET /}: one HTML page whose ES modules live under {@code /dashboard/} and
 * whose charting library (Apache ECharts) comes from its webjar under {@code /webjars/}, so the
 * page never needs the internet. The page itself holds no data; the reports it calls carry their
 * own auth.
 */
public final class Dashboard {
  static final String ASSETS = "/dashboard";
  static final String ECHARTS_PLACEHOLDER = "%ECHARTS_URL%";

  /**
   * Only our own origin may serve scripts, styles and data; ECharts sets inline styles on the
   * elements it creates, hence 'unsafe-inline' for styles only.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
          + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none';"
          + " frame-ancestors 'none'; form-action 'self'";

  private final String page;

  private Dashboard(String page) {
    this.page = page;
  }

  /**
   * Serves the page's assets with {@code Cache-Control: no-cache}: they are not fingerprinted, so
   * browsers revalidate them (cheap, Jetty answers 304) and a new release shows at once. Webjars
   * are versioned by path and cached long by Javalin.
   */
  public static void configure(JavalinConfig config) {
    config.staticFiles.add(
        files -> {
          files.hostedPath = ASSETS;
          files.directory = "/dashboard";
          files.location = Location.CLASSPATH;
          files.headers = Map.of("Cache-Control", "no-cache", "X-Content-Type-Options", "nosniff");
        });
  }

  /** Registers {@code GET /}. */
  public static void register(Javalin app) {
    Dashboard dashboard = new Dashboard(page(echartsUrl()));
    app.get("/", dashboard::handle);
  }

  private void handle(Context ctx) {
    ctx.header("Cache-Control", "no-cache");
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.contentType("text/html; charset=utf-8");
    ctx.result(page);
  }

  static String page(String echartsUrl) {
    return resource("/dashboard/index.html").replace(ECHARTS_PLACEHOLDER, echartsUrl);
  }

  /** The ES module build of ECharts inside its webjar, whatever version the build bundles. */
  static String echartsUrl() {
    Properties pom = new Properties();
    try (InputStream in =
        Dashboard.class.getResourceAsStream("/META-INF/maven/org.webjars/echarts/pom.properties")) {
      if (in == null) {
        throw new IllegalStateException(
            "the ECharts webjar (org.webjars:echarts) is not on the classpath; the dashboard"
                + " needs it: rebuild the server with its declared dependencies");
      }
      pom.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "/webjars/echarts/" + pom.getProperty("version") + "/echarts.esm.min.js";
  }

  private static String resource(String path) {
    try (InputStream in = Dashboard.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is missing from the server jar; rebuild it");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
