package dev.clianalytics.core.json;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader and writer with no dependencies, so that {@code core} and {@code
 * client} can be embedded anywhere.
 *
 * <p>Objects read as {@link LinkedHashMap}, arrays as {@link ArrayList}, integers as {@link Long}
 * (or {@link BigInteger} when they do not fit), other numbers as {@link Double}, and JSON {@code
 * null} as Java {@code null}. Nesting deeper than {@link #DEFAULT_MAX_DEPTH} is refused.
 */
public final class Json {
  /** Nesting limit used by {@link #parse(String)}: 64 levels of arrays and objects. */
  public static final int DEFAULT_MAX_DEPTH = 64;

  private Json() {}

  /** Reads one JSON value that must make up the whole text (surrounding whitespace allowed). */
  public static Object parse(String text) {
    return parse(text, DEFAULT_MAX_DEPTH);
  }

  /** Reads one JSON value, refusing nesting deeper than {@code maxDepth} (at least 1). */
  public static Object parse(String text, int maxDepth) {
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth must be at least 1, was " + maxDepth);
    }
    JsonReader reader = new JsonReader(text, maxDepth);
    Object value = reader.readDocument();
    return value;
  }

  /** Writes a value made of maps, lists, strings, numbers, booleans and nulls as compact JSON. */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder(128);
    write(value, out);
    return out.toString();
  }

  /** Appends the compact JSON form of {@code value} to {@code out}. */
  public static void write(Object value, StringBuilder out) {
    // An instanceof chain rather than a pattern switch: the switch's bootstrap costs about 10 ms
    // on first use, which the client pays on every run of the tool it instruments.
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      writeString(s, out);
    } else if (value instanceof Boolean b) {
      out.append(b.booleanValue());
    } else if (value instanceof Double d) {
      writeDouble(d, out);
    } else if (value instanceof Float f) {
      writeDouble(f.doubleValue(), out);
    } else if (value instanceof Number n) {
      out.append(n);
    } else if (value instanceof Map<?, ?> map) {
      writeObject(map, out);
    } else if (value instanceof Iterable<?> items) {
      writeArray(items, out);
    } else if (value instanceof Enum<?> e) {
      writeString(e.name(), out);
    } else {
      writeString(value.toString(), out);
    }
  }

  private static void writeDouble(double d, StringBuilder out) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      out.append("null");
    } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      out.append((long) d);
    } else {
      out.append(d);
    }
  }

  private static void writeObject(Map<?, ?> map, StringBuilder out) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      writeString(String.valueOf(entry.getKey()), out);
      out.append(':');
      write(entry.getValue(), out);
    }
    out.append('}');
  }

  private static void writeArray(Iterable<?> items, StringBuilder out) {
    out.append('[');
    boolean first = true;
    for (Object item : items) {
      if (!first) {
        out.append(',');
      }
      first = false;
      write(item, out);
    }
    out.append(']');
  }

  /** Appends {@code s} as a quoted JSON string, escaping what JSON requires. */
  public static void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  /** Reads a whole document; kept separate so the parse state lives in one short-lived object. */
  private static final class JsonReader {
    private final String text;
    private final int maxDepth;
    private int pos;
    private int depth;

    JsonReader(String text, int maxDepth) {
      this.text = text;
      this.maxDepth = maxDepth;
    }

    Object readDocument() {
      skipWhitespace();
      if (pos >= text.length()) {
        throw new JsonException("empty JSON text", pos);
      }
      Object value = readValue();
      skipWhitespace();
      if (pos < text.length()) {
        throw new JsonException("unexpected text after the JSON value", pos);
      }
      return value;
    }

    private Object readValue() {
      skipWhitespace();
      if (pos >= text.length()) {
        throw new JsonException("unexpected end of JSON text", pos);
      }
      char c = text.charAt(pos);
      return switch (c) {
        case '{' -> readObject();
        case '[' -> readArray();
        case '"' -> readString();
        case 't' -> readLiteral("true", Boolean.TRUE);
        case 'f' -> readLiteral("false", Boolean.FALSE);
        case 'n' -> readLiteral("null", null);
        default -> {
          if (c == '-' || (c >= '0' && c <= '9')) {
            yield readNumber();
          }
          throw new JsonException("unexpected character '" + printable(c) + "'", pos);
        }
      };
    }

    private Map<String, Object> readObject() {
      enter();
      pos++;
      Map<String, Object> map = new LinkedHashMap<>();
      skipWhitespace();
      if (peek() == '}') {
        pos++;
        depth--;
        return map;
      }
      while (true) {
        skipWhitespace();
        if (peek() != '"') {
          throw new JsonException("expected a quoted object key", pos);
        }
        String key = readString();
        skipWhitespace();
        expect(':');
        map.put(key, readValue());
        skipWhitespace();
        char c = peek();
        pos++;
        if (c == '}') {
          depth--;
          return map;
        }
        if (c != ',') {
          throw new JsonException("expected ',' or '}' in object", pos - 1);
        }
      }
    }

    private List<Object> readArray() {
      enter();
      pos++;
      List<Object> list = new ArrayList<>();
      skipWhitespace();
      if (peek() == ']') {
        pos++;
        depth--;
        return list;
      }
      while (true) {
        list.add(readValue());
        skipWhitespace();
        char c = peek();
        pos++;
        if (c == ']') {
          depth--;
          return list;
        }
        if (c != ',') {
          throw new JsonException("expected ',' or ']' in array", pos - 1);
        }
      }
    }

    private void enter() {
      if (++depth > maxDepth) {
        throw new JsonException("JSON nested deeper than " + maxDepth + " levels", pos);
      }
    }

    private String readString() {
      pos++;
      int start = pos;
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c == '"') {
          return text.substring(start, pos++);
        }
        if (c == '\\') {
          return readEscapedString(start);
        }
        if (c < 0x20) {
          throw new JsonException("control character in string", pos);
        }
        pos++;
      }
      throw new JsonException("unterminated string", start - 1);
    }

    private String readEscapedString(int start) {
      StringBuilder sb = new StringBuilder(text.length() - start);
      sb.append(text, start, pos);
      while (pos < text.length()) {
        char c = text.charAt(pos++);
        if (c == '"') {
          return sb.toString();
        }
        if (c < 0x20) {
          throw new JsonException("control character in string", pos - 1);
        }
        if (c != '\\') {
          sb.append(c);
          continue;
        }
        if (pos >= text.length()) {
          break;
        }
        char e = text.charAt(pos++);
        switch (e) {
          case '"' -> sb.append('"');
          case '\\' -> sb.append('\\');
          case '/' -> sb.append('/');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'u' -> sb.append(readHex4());
          default -> throw new JsonException("invalid escape '\\" + printable(e) + "'", pos - 2);
        }
      }
      throw new JsonException("unterminated string", start - 1);
    }

    private char readHex4() {
      if (pos + 4 > text.length()) {
        throw new JsonException("truncated \\u escape", pos);
      }
      int value = 0;
      for (int i = 0; i < 4; i++) {
        int digit = Character.digit(text.charAt(pos + i), 16);
        if (digit < 0) {
          throw new JsonException("invalid \\u escape", pos);
        }
        value = value * 16 + digit;
      }
      pos += 4;
      return (char) value;
    }

    private Object readNumber() {
      int start = pos;
      if (peek() == '-') {
        pos++;
      }
      int intStart = pos;
      readDigits();
      if (pos - intStart > 1 && text.charAt(intStart) == '0') {
        throw new JsonException("leading zero in number", intStart);
      }
      boolean integral = true;
      if (pos < text.length() && text.charAt(pos) == '.') {
        integral = false;
        pos++;
        readDigits();
      }
      if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
        integral = false;
        pos++;
        if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
          pos++;
        }
        readDigits();
      }
      String literal = text.substring(start, pos);
      if (!integral) {
        return Double.parseDouble(literal);
      }
      if (pos - start <= 18) {
        return Long.parseLong(literal);
      }
      BigInteger big = new BigInteger(literal);
      return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    private void readDigits() {
      int start = pos;
      while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
        pos++;
      }
      if (pos == start) {
        throw new JsonException("expected a digit", pos);
      }
    }

    private Object readLiteral(String word, Object value) {
      if (!text.startsWith(word, pos)) {
        throw new JsonException("unexpected character '" + printable(text.charAt(pos)) + "'", pos);
      }
      pos += word.length();
      return value;
    }

    private void expect(char c) {
      if (peek() != c) {
        throw new JsonException("expected '" + c + "'", pos);
      }
      pos++;
    }

    private char peek() {
      if (pos >= text.length()) {
        throw new JsonException("unexpected end of JSON text", pos);
      }
      return text.charAt(pos);
    }

    private void skipWhitespace() {
      while (pos < text.length()) {
        char c = text.charAt(pos);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
          return;
        }
        pos++;
      }
    }

    private static String printable(char c) {
      return c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
  }
}
