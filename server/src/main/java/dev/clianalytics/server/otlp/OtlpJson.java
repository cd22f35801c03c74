package dev.clianalytics.server.otlp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.clianalytics.core.json.Json;
import dev.clianalytics.server.http.ApiProblem;
import dev.clianalytics.server.ingest.Batches;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The OTLP/JSON encoding: protobuf's JSON mapping (read by {@link JsonFormat}, unknown fields
 * ignored, 64-bit integers as strings or numbers, either field-name spelling) except that trace and
 * span ids are hex strings, not base64. The ids are turned into base64 before {@link JsonFormat}
 * reads the document; an id that is not hex is left for it to read as base64, as some exporters
 * send them.
 */
final class OtlpJson {
  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final List<String> ID_FIELDS =
      List.of("traceId", "trace_id", "spanId", "span_id", "parentSpanId", "parent_span_id");

  private OtlpJson() {}

  static ExportTraceServiceRequest decode(String text) {
    // the core reader first: it limits nesting and number length before protobuf's reader runs
    Object document = Batches.parse(text);
    if (!(document instanceof Map<?, ?> request)) {
      throw ApiProblem.badRequest(
          "the body must be a JSON object, an ExportTraceServiceRequest such as"
              + " {\"resourceSpans\": [...]}");
    }
    for (Object resourceSpans : children(request, "resourceSpans", "resource_spans")) {
      for (Object scopeSpans : children(resourceSpans, "scopeSpans", "scope_spans")) {
        for (Object span : children(scopeSpans, "spans")) {
          hexIdsToBase64(span);
          for (Object link : children(span, "links")) {
            hexIdsToBase64(link);
          }
        }
      }
    }
    ExportTraceServiceRequest.Builder builder = ExportTraceServiceRequest.newBuilder();
    try {
      PARSER.merge(Json.write(document), builder);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw ApiProblem.badRequest(
          "the body is not an OTLP ExportTraceServiceRequest in JSON: "
              + reason(e.getMessage())
              + "; see docs/opentelemetry.md");
    }
    return builder.build();
  }

  /**
   * The kind of error protobuf's JSON reader reported, without the value it quotes after a colon: a
   * value from the request is never echoed.
   */
  static String reason(String message) {
    if (message == null || message.isBlank()) {
      return "a field has a value of the wrong type";
    }
    int end = message.length();
    for (String stop : new String[] {":", ". "}) {
      int at = message.indexOf(stop);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    String kind = message.substring(0, end).strip();
    if (kind.length() > 120 || kind.contains("\"") || kind.contains("{")) {
      return "a field has a value of the wrong type";
    }
    return kind;
  }

  private static List<?> children(Object parent, String... names) {
    if (parent instanceof Map<?, ?> map) {
      for (String name : names) {
        if (map.get(name) instanceof List<?> list) {
          return list;
        }
      }
    }
    return List.of();
  }

  @SuppressWarnings("unchecked") // Json.parse reads every object as a LinkedHashMap<String, Object>
  private static void hexIdsToBase64(Object message) {
    if (!(message instanceof Map<?, ?> map)) {
      return;
    }
    Map<String, Object> fields = (Map<String, Object>) map;
    for (String field : ID_FIELDS) {
      if (fields.get(field) instanceof String id && isHex(id)) {
        fields.put(field, Base64.getEncoder().encodeToString(HexFormat.of().parseHex(id)));
      }
    }
  }

  private static boolean isHex(String s) {
    if (s.length() % 2 != 0) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }
}
