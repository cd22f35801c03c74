package dev.clianalytics.server.otlp;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.List;

/** Reads OTLP attribute lists the lenient way instrumentations fill them. */
final class Attributes {
  /** Most {@code process.command_args} elements read; argv beyond that cannot change the path. */
  static final int MAX_ARGS = 256;

  private Attributes() {}

  /** The value under {@code key}, or null when absent or empty. */
  static AnyValue find(List<KeyValue> attributes, String key) {
    for (KeyValue kv : attributes) {
      if (kv.getKey().equals(key)) {
        return kv.hasValue() && kv.getValue().getValueCase() != AnyValue.ValueCase.VALUE_NOT_SET
            ? kv.getValue()
            : null;
      }
    }
    return null;
  }

  /** A scalar as text (a string, integer, boolean or double), or null for other kinds or blank. */
  static String text(AnyValue value) {
    if (value == null) {
      return null;
    }
    String s =
        switch (value.getValueCase()) {
          case STRING_VALUE -> value.getStringValue();
          case INT_VALUE -> Long.toString(value.getIntValue());
          case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
          case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
          default -> null;
        };
    return s == null || s.isBlank() ? null : s;
  }

  /** The first of {@code keys} present as text in {@code attributes}, or null. */
  static String firstText(List<KeyValue> attributes, String... keys) {
    for (String key : keys) {
      String s = text(find(attributes, key));
      if (s != null) {
        return s;
      }
    }
    return null;
  }

  /**
   * An integer: an int value, a double with no fraction, or a string of digits; null when the value
   * is none of these.
   */
  static Long integer(AnyValue value) {
    return switch (value.getValueCase()) {
      case INT_VALUE -> value.getIntValue();
      case DOUBLE_VALUE -> {
        double d = value.getDoubleValue();
        yield d == Math.rint(d) && Math.abs(d) < 1e15 ? (long) d : null;
      }
      case STRING_VALUE -> {
        String s = value.getStringValue().strip();
        yield s.matches("-?[0-9]{1,18}") ? Long.parseLong(s) : null;
      }
      default -> null;
    };
  }

  /**
   * An argv: an array of scalars, or a string split on whitespace; at most {@link #MAX_ARGS}
   * elements. Null when absent or of another kind.
   */
  static List<String> argv(AnyValue value) {
    if (value == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    if (value.getValueCase() == AnyValue.ValueCase.ARRAY_VALUE) {
      for (AnyValue element : value.getArrayValue().getValuesList()) {
        if (out.size() == MAX_ARGS) {
          break;
        }
        String s = text(element);
        out.add(s == null ? "" : s);
      }
      return out;
    }
    if (value.getValueCase() == AnyValue.ValueCase.STRING_VALUE) {
      return words(value.getStringValue(), MAX_ARGS);
    }
    return null;
  }

  /** Up to {@code max} whitespace-separated words of {@code s}, in linear time. */
  static List<String> words(String s, int max) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n && out.size() < max) {
      while (i < n && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      if (i > start) {
        out.add(s.substring(start, i));
      }
    }
    return out;
  }

  /** True when a value reads as yes: boolean true, or the text {@code true}, {@code 1}. */
  static boolean truthy(AnyValue value) {
    String s = text(value);
    return s != null && (s.equalsIgnoreCase("true") || s.equals("1"));
  }
}
