package dev.clianalytics.server.http;

import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.eclipse.jetty.http.BadMessageException;

/**
 * Reads request bodies defensively: at most {@code maxBytes} on the wire and after gzip
 * decompression, strict UTF-8, never kept beyond the request.
 */
public final class Bodies {
  private final long maxBytes;

  public Bodies(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The body as text. */
  public String text(Context ctx) {
    return text(ctx, false);
  }

  /**
   * The body as text; {@code gzipped} true means it is gzip data whatever {@code Content-Encoding}
   * says (as with PostHog's {@code ?compression=gzip-js}).
   */
  public String text(Context ctx, boolean gzipped) {
    return decodeUtf8(bytes(ctx, gzipped));
  }

  /** The body as bytes, gzip undone: for binary formats such as protobuf. */
  public byte[] bytes(Context ctx) {
    return bytes(ctx, false);
  }

  private byte[] bytes(Context ctx, boolean gzipped) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBytes) {
      throw tooLarge();
    }
    return read(ctx, gzipped);
  }

  /** Strict UTF-8, refusing malformed input with a 400. */
  public static String utf8(byte[] bytes) {
    return decodeUtf8(bytes);
  }

  /** The answer to a body read Jetty refused, its status kept and its reason not quoted. */
  public static ApiProblem refused(BadMessageException e) {
    if (e.getCode() == 408) {
      return new ApiProblem(
          408,
          "request-timeout",
          "Request timeout",
          "the request body arrived slower than the server accepts; send it faster",
          Map.of());
    }
    return ApiProblem.badRequest("the request body could not be read completely");
  }

  private byte[] read(Context ctx, boolean gzipped) {
    String encoding = gzipped ? "gzip" : ctx.header("Content-Encoding");
    try (InputStream raw = ctx.req().getInputStream()) {
      if (encoding == null || encoding.isBlank() || encoding.equalsIgnoreCase("identity")) {
        return readCapped(raw);
      }
      String e = encoding.strip().toLowerCase(Locale.ROOT);
      if (!e.equals("gzip") && !e.equals("x-gzip")) {
        throw ApiProblem.unsupportedMediaType(
            "Content-Encoding is not accepted; send gzip or an uncompressed body");
      }
      return gunzip(raw);
    } catch (BadMessageException e) {
      // Jetty refuses a body read this way: a body slower than the minimum rate (408), or framing
      // it cannot parse (400); see docs/server.md, "Slow clients"
      throw refused(e);
    } catch (IOException e) {
      throw ApiProblem.badRequest("the request body could not be read completely");
    }
  }

  private byte[] gunzip(InputStream raw) {
    byte[] compressed = readCapped(raw);
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
      return readCapped(in);
    } catch (IOException e) {
      throw notGzip();
    }
  }

  /** Reads until end of stream, failing with 413 as soon as more than maxBytes arrive. */
  private byte[] readCapped(InputStream in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    byte[] buffer = new byte[16384];
    long total = 0;
    try {
      int n;
      while ((n = in.read(buffer)) != -1) {
        total += n;
        if (total > maxBytes) {
          throw tooLarge();
        }
        out.write(buffer, 0, n);
      }
    } catch (ZipException | EOFException e) {
      throw notGzip();
    } catch (IOException e) {
      throw ApiProblem.badRequest("the request body could not be read completely");
    }
    return out.toByteArray();
  }

  private static ApiProblem notGzip() {
    return ApiProblem.badRequest("the body is not valid gzip data (Content-Encoding: gzip)");
  }

  private ApiProblem tooLarge() {
    return ApiProblem.tooLarge(
        "the body is over MAX_BODY_BYTES ("
            + maxBytes
            + " bytes, after decompression); send smaller batches");
  }

  private static String decodeUtf8(byte[] bytes) {
    // The JDK's fast decoder replaces malformed input with U+FFFD: without one in the result the
    // input was well-formed, and the answer is the strict decoder's (checked by BodiesTest).
    String lenient = new String(bytes, StandardCharsets.UTF_8);
    if (lenient.indexOf('\uFFFD') < 0) {
      return lenient;
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw ApiProblem.badRequest("the body is not valid UTF-8; send UTF-8 encoded JSON");
    }
  }
}
