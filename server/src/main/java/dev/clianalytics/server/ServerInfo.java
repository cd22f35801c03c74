package dev.clianalytics.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Build facts baked into the jar at build time: the version and the bundled Swagger UI. */
public record ServerInfo(String version, String swaggerUiVersion) {
  /** The facts of this build. */
  public static ServerInfo current() {
    Properties p = new Properties();
    try (InputStream in = ServerInfo.class.getResourceAsStream("server.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ServerInfo(p.getProperty("version", "dev"), p.getProperty("swagger-ui.version"));
  }
}
