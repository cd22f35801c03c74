package dev.clianalytics.server.otlp;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.clianalytics.core.json.Json;
import dev.clianalytics.server.http.ApiProblem;
import dev.clianalytics.server.http.Bodies;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The two OTLP/HTTP encodings; a response always uses the request's. */
enum OtlpEncoding {
  PROTOBUF("application/x-protobuf"),
  JSON("application/json");

  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().omittingInsignificantWhitespace();

  private final String contentType;

  OtlpEncoding(String contentType) {
    this.contentType = contentType;
  }

  String contentType() {
    return contentType;
  }

  /**
   * The encoding a {@code Content-Type} names.
   *
   * @throws ApiProblem 415 for anything else
   */
  static OtlpEncoding of(String contentType) {
    String type =
        contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return switch (type) {
      case "application/x-protobuf", "application/protobuf" -> PROTOBUF;
      case "application/json" -> JSON;
      default ->
          throw ApiProblem.unsupportedMediaType(
              "OTLP/HTTP needs Content-Type application/x-protobuf or application/json");
    };
  }

  /**
   * Reads an export request.
   *
   * @throws ApiProblem 400 naming what is wrong (never quoting the body)
   */
  ExportTraceServiceRequest decode(byte[] body) {
    if (this == JSON) {
      return OtlpJson.decode(Bodies.utf8(body));
    }
    try {
      return ExportTraceServiceRequest.parseFrom(body);
    } catch (InvalidProtocolBufferException e) {
      throw ApiProblem.badRequest(
          "the body is not an OTLP ExportTraceServiceRequest in protobuf: "
              + OtlpJson.reason(e.getMessage()));
    }
  }

  byte[] encode(ExportTraceServiceResponse response) {
    if (this == PROTOBUF) {
      return response.toByteArray();
    }
    try {
      return PRINTER.print(response).getBytes(StandardCharsets.UTF_8);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("an export response could not be printed", e);
    }
  }

  /**
   * A {@code google.rpc.Status} with {@code code} (a gRPC code) and {@code message}: the body OTLP
   * clients expect with an error status. Written field by field (code = 1, message = 2): the one
   * message of the googleapis protos that OTLP needs does not justify their jar.
   */
  byte[] status(int code, String message) {
    if (this == JSON) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("code", code);
      json.put("message", message);
      return Json.write(json).getBytes(StandardCharsets.UTF_8);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + message.length());
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    try {
      out.writeInt32(1, code);
      out.writeString(2, message);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
