package dev.clianalytics.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Bodies#utf8} takes a fast path for well-formed text; its answers must be the strict
 * decoder's for every input: the same text, or a 400 for malformed UTF-8.
 */
class BodiesTest {
  private static String strict(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return "400";
    }
  }

  private static String fast(byte[] bytes) {
    try {
      return Bodies.utf8(bytes);
    } catch (ApiProblem p) {
      return String.valueOf(p.status());
    }
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  @Test
  void utf8_answersAsTheStrictDecoder() {
    List<byte[]> corpus = new ArrayList<>();
    corpus.add("{\"a\":\"plain ascii\"}".getBytes(StandardCharsets.UTF_8));
    corpus.add("caf\u00e9 \u20ac \ud83d\ude00 \ufffd".getBytes(StandardCharsets.UTF_8));
    corpus.add(bytes(0xef, 0xbf, 0xbd)); // a real U+FFFD
    corpus.add(bytes(0xc0, 0x80)); // overlong NUL
    corpus.add(bytes(0xe0, 0x80, 0xaf)); // overlong '/'
    corpus.add(bytes(0xed, 0xa0, 0x80)); // encoded surrogate
    corpus.add(bytes(0xf4, 0x90, 0x80, 0x80)); // above U+10FFFF
    corpus.add(bytes(0xe2, 0x82)); // truncated
    corpus.add(bytes(0x80)); // lone continuation
    corpus.add(bytes(0xff));
    corpus.add(bytes(0x61, 0xef, 0xbf, 0xbd, 0xc3)); // real U+FFFD then a truncated one
    Random random = new Random(20261204L);
    int[] pieces = {0x41, 0x00, 0x7f, 0x80, 0xbf, 0xc2, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xed, 0xa0};
    for (int i = 0; i < 20_000; i++) {
      byte[] b = new byte[random.nextInt(12)];
      for (int j = 0; j < b.length; j++) {
        b[j] =
            (byte)
                (random.nextBoolean() ? pieces[random.nextInt(pieces.length)] : random.nextInt());
      }
      corpus.add(b);
    }
    List<String> diverged = new ArrayList<>();
    for (byte[] b : corpus) {
      String expected = strict(b);
      String actual = fast(b);
      if (!expected.equals(actual)) {
        diverged.add(java.util.HexFormat.of().formatHex(b) + ": " + expected + " vs " + actual);
      }
    }
    assertEquals(List.of(), diverged.subList(0, Math.min(5, diverged.size())));
  }
}
