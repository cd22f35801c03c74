package dev.clianalytics.server.http;

import java.util.Locale;

/** How a request body is framed, decided from its {@code Content-Type}. */
public enum BodyFormat {
  /** One JSON document ({@code application/json}, {@code +json}, or no content type). */
  JSON,
  /** One JSON document per line ({@code application/x-ndjson}, {@code application/jsonl}). */
  NDJSON;

  /**
   * The format for a {@code Content-Type} header value; an absent header or {@code text/plain} is
   * read as JSON.
   *
   * @throws ApiProblem 415 for any other type or a charset other than UTF-8
   */
  public static BodyFormat of(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return JSON;
    }
    String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
    checkCharset(parts);
    String type = parts[0].strip();
    return switch (type) {
      case "application/json", "text/plain", "text/json" -> JSON;
      case "application/x-ndjson",
          "application/ndjson",
          "application/jsonl",
          "application/x-jsonlines",
          "application/jsonlines" ->
          NDJSON;
      default -> {
        if (type.startsWith("application/") && type.endsWith("+json")) {
          yield JSON;
        }
        throw ApiProblem.unsupportedMediaType(
            "Content-Type "
                + clip(type)
                + " is not accepted; send application/json or application/x-ndjson (UTF-8)");
      }
    };
  }

  private static void checkCharset(String[] parts) {
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip();
      if (p.startsWith("charset=")) {
        String charset = p.substring("charset=".length()).replace("\"", "").strip();
        if (!charset.equals("utf-8") && !charset.equals("utf8")) {
          throw ApiProblem.unsupportedMediaType(
              "charset " + clip(charset) + " is not accepted; send UTF-8");
        }
      }
    }
  }

  private static String clip(String s) {
    String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
    return printable.length() > 80 ? printable.substring(0, 80) + "..." : printable;
  }
}
