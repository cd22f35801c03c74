package dev.clianalytics.core.privacy;

import dev.clianalytics.core.event.Limits;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code command_path} rule of docs/privacy.md: the tool is lowercased, and the path is cut at
 * the first later element that is not a plain lowercase word or that looks like a value, keeping at
 * most {@link Limits#PATH_ELEMENTS} elements.
 */
final class CommandPaths {
  /** Stands in for a tool name that is itself a value (a key pasted at the prompt, an address). */
  static final String UNKNOWN_TOOL = Placeholders.SECRET;

  private CommandPaths() {}

  static List<String> cut(List<String> path) {
    List<String> out = new ArrayList<>(Math.min(path.size(), Limits.PATH_ELEMENTS));
    out.add(Limits.truncate(tool(path.get(0)), Limits.PATH_ELEMENT));
    for (int i = 1; i < path.size() && out.size() < Limits.PATH_ELEMENTS; i++) {
      String element = path.get(i);
      if (!isPlainWord(element) || looksLikeValue(element)) {
        break;
      }
      out.add(element);
    }
    return List.copyOf(out);
  }

  /**
   * The tool as it may be sent: lowercased, and only the file name when a path was given ({@code
   * /usr/local/bin/Terraform} gives {@code terraform}). A tool that is itself a value becomes
   * {@link #UNKNOWN_TOOL}.
   */
  static String tool(String raw) {
    String s = raw.strip();
    int slash = Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\'));
    if (slash >= 0 && slash < s.length() - 1) {
      s = s.substring(slash + 1);
    }
    if (s.isEmpty()
        || Shapes.looksRandom(s, 0, s.length())
        || TokenFormats.startsWithToken(s, 0, s.length())
        || Shapes.ipv4Length(s, 0, s.length()) > 0
        || Shapes.isUuid(s, 0, s.length())
        || Shapes.isHex(s, 0, s.length(), 16)) {
      return UNKNOWN_TOOL;
    }
    String lower = s.toLowerCase(Locale.ROOT);
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (!(Shapes.isAlnum(c) || c == '.' || c == '_' || c == '-' || c == '+')) {
        return UNKNOWN_TOOL;
      }
    }
    return lower;
  }

  /** {@code ^[a-z][a-z0-9_-]{0,31}$}. */
  static boolean isPlainWord(String s) {
    if (s.isEmpty() || s.length() > 32 || s.charAt(0) < 'a' || s.charAt(0) > 'z') {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= 'a' && c <= 'z') || Shapes.isDigit(c) || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /**
   * All digits, a run of four or more digits, hex of seven or more characters, a UUID, or a
   * letters-and-digits mix of high entropy (checked on the whole element and on each part between
   * dashes and underscores, so {@code web-7d9f8b6c5d} is a value too).
   */
  static boolean looksLikeValue(String s) {
    int n = s.length();
    return Shapes.allDigits(s, 0, n)
        || Shapes.hasDigitRun(s, 0, n, 4)
        || Shapes.isHex(s, 0, n, 7)
        || Shapes.isUuid(s, 0, n)
        || Shapes.looksRandom(s, 0, n)
        || hasValuePiece(s, 0, n);
  }

  /** Some part between {@code -} and {@code _} is hex with digits or mixes letters and digits. */
  static boolean hasValuePiece(String s, int from, int to) {
    int start = from;
    for (int i = from; i <= to; i++) {
      if (i == to || s.charAt(i) == '-' || s.charAt(i) == '_') {
        if (isValuePiece(s, start, i)) {
          return true;
        }
        start = i + 1;
      }
    }
    return false;
  }

  private static boolean isValuePiece(String s, int from, int to) {
    if (to - from >= 7 && Shapes.isHex(s, from, to, 7) && Shapes.hasDigit(s, from, to)) {
      return true;
    }
    if (Shapes.hasDigitRun(s, from, to, 4)) {
      return true;
    }
    int letters = 0;
    int digits = 0;
    int switches = 0;
    for (int i = from; i < to; i++) {
      boolean digit = Shapes.isDigit(s.charAt(i));
      if (digit) {
        digits++;
      } else {
        letters++;
      }
      if (i > from && digit != Shapes.isDigit(s.charAt(i - 1))) {
        switches++;
      }
    }
    // Names with digits switch once or twice (ec2, sha256sum, i18n); ids keep switching.
    return letters > 0 && digits > 0 && switches >= 3 && switches * 4 >= to - from;
  }
}
