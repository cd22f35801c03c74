package dev.clianalytics.server.http;

import dev.clianalytics.core.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Errors Jetty answers before a request reaches Javalin (a malformed URI, oversized headers) as
 * problem+json too, so no client ever has to parse an HTML error page.
 */
public final class JettyErrors extends ErrorHandler {

  /**
   * Jetty writes error bodies only for GET, POST and HEAD; a {@code DELETE *} would get a bare 400.
   * Every method gets the problem document.
   */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/problem+json");
    return ByteBuffer.wrap(body(status).getBytes(StandardCharsets.UTF_8));
  }

  @Override
  protected void generateAcceptableResponse(
      Request baseRequest,
      HttpServletRequest request,
      HttpServletResponse response,
      int code,
      String message)
      throws IOException {
    baseRequest.setHandled(true);
    response.setContentType("application/problem+json");
    response.getOutputStream().write(body(code).getBytes(StandardCharsets.UTF_8));
  }

  private static String body(int status) {
    int s = status < 400 || status > 599 ? 400 : status;
    String title = HttpStatus.getMessage(s);
    return Json.write(
        new ApiProblem(
                s,
                "http-" + s,
                title == null ? "HTTP " + s : title,
                "the request could not be read as HTTP (" + s + "); check the URL and headers",
                Map.of())
            .toJson());
  }
}
