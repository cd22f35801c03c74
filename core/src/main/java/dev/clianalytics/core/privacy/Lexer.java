package dev.clianalytics.core.privacy;

import java.util.Locale;
import java.util.Set;

/** Character classes and small lookups for {@link MessageRedactor}'s split into words. */
final class Lexer {
  private Lexer() {}

  private static final Set<String> AUTH_SCHEMES =
      Set.of("bearer", "basic", "digest", "token", "negotiate", "ntlm", "aws4-hmac-sha256");

  /**
   * Whitespace, brackets, quotes, commas, semicolons and pipes end a word. {@code = : / @ .} do
   * not: they hold URLs, paths, addresses and assignments together.
   */
  static boolean isDelimiter(char c) {
    if (c <= ' ') {
      return true;
    }
    if (c < 128) {
      return switch (c) {
        case ',', ';', '|', '(', ')', '[', ']', '{', '}', '<', '>', '"', '\'', '`' -> true;
        default -> c == 127;
      };
    }
    return Character.isWhitespace(c)
        || Character.isSpaceChar(c)
        || c == '\u2018'
        || c == '\u2019'
        || c == '\u201C'
        || c == '\u201D';
  }

  /** Length of a placeholder such as {@code <path>} at {@code i}, or 0: they pass unchanged. */
  static int placeholderLength(String s, int i) {
    if (s.charAt(i) != '<') {
      return 0;
    }
    for (String p : Placeholders.ALL) {
      if (s.startsWith(p, i)) {
        return p.length();
      }
    }
    return 0;
  }

  /** The quote that closes {@code open}, or 0 when {@code open} is not a quote. */
  static char closingQuoteFor(char open) {
    return switch (open) {
      case '"', '\'', '`' -> open;
      case '\u2018' -> '\u2019';
      case '\u201C' -> '\u201D';
      default -> 0;
    };
  }

  static int indexOfClosing(String s, int from, int to, char close) {
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == close) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Whether a separator can stand between a secret's name and its value: spaces and quotes, and for
   * cookies the {@code ;} between pairs.
   */
  static boolean onlySpacesAndQuotes(String s, int from, int to, boolean cookie) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!(c == ' ' || c == '\t' || closingQuoteFor(c) != 0 || (cookie && c == ';'))) {
        return false;
      }
    }
    return true;
  }

  /** After Bearer or Basic: a credential has digits or mixed case; "Basic auth" is prose. */
  static boolean looksLikeCredential(String w) {
    if (w.length() < 6) {
      return false;
    }
    boolean lower = false;
    boolean upperOrDigit = false;
    for (int i = 0; i < w.length(); i++) {
      char c = w.charAt(i);
      lower |= c >= 'a' && c <= 'z';
      upperOrDigit |= (i > 0 && c >= 'A' && c <= 'Z') || Shapes.isDigit(c) || c == '=' || c == '_';
    }
    return upperOrDigit || (lower && w.length() >= 20);
  }

  static boolean isAuthScheme(String w) {
    return w.length() <= 16 && AUTH_SCHEMES.contains(w.toLowerCase(Locale.ROOT));
  }
}
