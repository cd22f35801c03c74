package dev.clianalytics.server.resilience;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Seeded mutations of valid request bodies, each one a kind of damage real clients produce. Also
 * used by the reliability module's fuzz test of every endpoint.
 */
public final class Mutator {
  private static final String[] NUMBERS = {
    "1e400",
    "-1e400",
    "1.5e-400",
    "123456789012345678901234567890",
    "-0",
    "0.0000000001",
    "9".repeat(500),
    "2147483648",
    "-2147483649",
    "1E+2",
    "NaN",
    "Infinity",
    "0x10",
    "01"
  };
  private static final byte[][] BAD_UTF8 = {
    {(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
    {(byte) 0xF0, (byte) 0x28, (byte) 0x8C, (byte) 0xBC}, {(byte) 0xC0, (byte) 0xAF}, {0}
  };
  private static final String[] VALUES = {
    "null",
    "true",
    "[]",
    "{}",
    "\"\"",
    "\"\\u0000\"",
    "[[[[[]]]]]",
    "\"\\ud800\"",
    "-1",
    "\"" + "x".repeat(5000) + "\""
  };

  private final Random random;

  Mutator(long seed) {
    this(new Random(seed));
  }

  /** Mutations drawn from {@code random}, which the caller may share with its own choices. */
  public Mutator(Random random) {
    this.random = random;
  }

  Random random() {
    return random;
  }

  /** {@code body} with one to three kinds of damage applied; the input is not modified. */
  public byte[] mutate(byte[] body) {
    byte[] out = body;
    int rounds = 1 + random.nextInt(3);
    for (int i = 0; i < rounds; i++) {
      out = once(out);
    }
    return out;
  }

  private byte[] once(byte[] b) {
    return switch (random.nextInt(9)) {
      case 0 -> flipBytes(b);
      case 1 -> b.length == 0 ? b : java.util.Arrays.copyOf(b, random.nextInt(b.length));
      case 2 -> duplicate(b);
      case 3 -> nest(b);
      case 4 -> replaceToken(b, "[0-9]+", NUMBERS[random.nextInt(NUMBERS.length)]);
      case 5 -> insert(b, BAD_UTF8[random.nextInt(BAD_UTF8.length)]);
      case 6 -> replaceToken(b, "\"[^\"]*\"", VALUES[random.nextInt(VALUES.length)]);
      case 7 ->
          replaceToken(b, "[\\[\\]{},:]", String.valueOf("[]{},:\"\\".charAt(random.nextInt(8))));
      default -> insert(b, randomAscii().getBytes(StandardCharsets.UTF_8));
    };
  }

  private byte[] flipBytes(byte[] b) {
    byte[] out = b.clone();
    for (int i = 0, n = 1 + random.nextInt(4); i < n && out.length > 0; i++) {
      out[random.nextInt(out.length)] = (byte) random.nextInt(256);
    }
    return out;
  }

  private byte[] duplicate(byte[] b) {
    if (b.length == 0) {
      return b;
    }
    int from = random.nextInt(b.length);
    int to = from + random.nextInt(b.length - from) + 1;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(b, 0, to);
    int copies = 1 + random.nextInt(random.nextInt(10) == 0 ? 2000 : 3);
    for (int i = 0; i < copies; i++) {
      out.write(b, from, to - from);
    }
    out.write(b, to, b.length - to);
    return out.toByteArray();
  }

  private byte[] nest(byte[] b) {
    int depth = 1 + random.nextInt(random.nextBoolean() ? 70 : 3000);
    String open = random.nextBoolean() ? "[" : "{\"a\":";
    String close = open.equals("[") ? "]" : "}";
    String s = open.repeat(depth) + new String(b, StandardCharsets.UTF_8) + close.repeat(depth);
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private byte[] replaceToken(byte[] b, String regex, String replacement) {
    String s = new String(b, StandardCharsets.ISO_8859_1);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(s);
    java.util.List<int[]> spans = new java.util.ArrayList<>();
    while (m.find()) {
      spans.add(new int[] {m.start(), m.end()});
    }
    if (spans.isEmpty()) {
      return b;
    }
    int[] span = spans.get(random.nextInt(spans.size()));
    String replaced =
        s.substring(0, span[0])
            + new String(replacement.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)
            + s.substring(span[1]);
    return replaced.getBytes(StandardCharsets.ISO_8859_1);
  }

  private byte[] insert(byte[] b, byte[] piece) {
    int at = b.length == 0 ? 0 : random.nextInt(b.length);
    byte[] out = new byte[b.length + piece.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(piece, 0, out, at, piece.length);
    System.arraycopy(b, at, out, at + piece.length, b.length - at);
    return out;
  }

  private String randomAscii() {
    StringBuilder s = new StringBuilder();
    for (int i = 0, n = 1 + random.nextInt(20); i < n; i++) {
      s.append((char) random.nextInt(128));
    }
    return s.toString();
  }
}
