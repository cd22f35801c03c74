package dev.clianalytics.core.privacy;

/** Character classes and small lookups for {@link MessageRedactor}'s split into words. */
final class Lexer {
  private Lexer() {}

  private static final String[] CREDENTIAL_WORDS = {
    "bearer",
    "basic",
    "password",
    "passwd",
    "passphrase",
    "pwd",
    "pass",
    "token",
    "secret",
    "apikey",
    "key"
  };

  private static final String[] LITERAL_VALUES = {
    "yes",
    "no",
    "true",
    "false",
    "null",
    "none",
    "nil",
    "empty",
    "missing",
    "required",
    "unset",
    "redacted",
    "hidden",
    "invalid",
    "expired",
    "***",
    "<none>"
  };

  private static final String[] AUTH_SCHEMES = {
    "bearer", "basic", "digest", "token", "negotiate", "ntlm", "aws4-hmac-sha256"
  };

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
      boolean escape = c == '\\' && i + 1 < to && closingQuoteFor(s.charAt(i + 1)) != 0;
      if (!(c == ' ' || c == '\t' || escape || closingQuoteFor(c) != 0 || (cookie && c == ';'))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Words after which a credential may follow with no {@code :} or {@code =}: {@code Bearer abc},
   * {@code passwd Hunter2}, {@code invalid token 5f3a...}.
   */
  static boolean announcesCredential(String w) {
    return w.length() >= 3 && w.length() <= 10 && containsIgnoreCase(CREDENTIAL_WORDS, w);
  }

  /**
   * After such a word, a credential has a digit, a symbol or an inner capital; "password
   * authentication failed" and "Basic auth" are prose.
   */
  static boolean looksLikeCredential(String w) {
    int end = w.length();
    while (end > 0 && ".,:;!?".indexOf(w.charAt(end - 1)) >= 0) {
      end--;
    }
    if (end < 4) {
      return false;
    }
    for (int i = 0; i < end; i++) {
      char c = w.charAt(i);
      boolean lower = c >= 'a' && c <= 'z';
      boolean upper = c >= 'A' && c <= 'Z';
      if ((i > 0 && upper) || !(lower || upper)) {
        return true;
      }
    }
    return end >= 20;
  }

  /** Words between a secret's name and its value: "password is X", "token was X". */
  static boolean isFiller(String w) {
    return w.equals("is") || w.equals("was") || w.equals("set") || w.equals("to");
  }

  /** Values that say something about a secret without being one: YES, null, expired. */
  static boolean isLiteralValue(String w) {
    return w.length() <= 8 && containsIgnoreCase(LITERAL_VALUES, w);
  }

  /**
   * Shaped like a chosen password: 6 to 64 characters with lower case, upper case and a digit, or
   * letters, digits and a symbol; no path, URL or version punctuation.
   */
  static boolean looksLikePassword(String w) {
    int n = w.length();
    if (n < 6 || n > 64) {
      return false;
    }
    boolean lower = false;
    boolean upper = false;
    boolean digit = false;
    boolean symbol = false;
    for (int i = 0; i < n; i++) {
      char c = w.charAt(i);
      if (c == '/' || c == '.' || c == ':' || c == '\\' || c == '@') {
        return false;
      }
      lower |= c >= 'a' && c <= 'z';
      upper |= c >= 'A' && c <= 'Z';
      digit |= Shapes.isDigit(c);
      symbol |= "!#$%^&*+?~".indexOf(c) >= 0;
    }
    return digit && ((lower && upper) || (symbol && (lower || upper)));
  }

  private static final String[] PROSE = {
    "or",
    "and",
    "is",
    "are",
    "was",
    "must",
    "should",
    "not",
    "flag",
    "option",
    "argument",
    "parameter",
    "requires",
    "required",
    "expects",
    "expected",
    "needs",
    "but",
    "with",
    "without",
    "when",
    "if",
    "for",
    "of",
    "in",
    "on",
    "the",
    "a",
    "an",
    "cannot",
    "has",
    "have",
    "only",
    "value",
    "may",
    "will",
    "can",
    "does",
    "did",
    "be",
    "instead",
    "also",
    "then",
    "nor"
  };

  /** Small words of prose that follow a flag's name in a message, never its value. */
  static boolean isProse(String w) {
    String core = withoutTrailingPunctuation(w);
    return core.length() <= 9 && containsIgnoreCase(PROSE, core);
  }

  /** {@code argument}, {@code option}, {@code flag} or {@code parameter}, with a colon or not. */
  static boolean isOptionWord(String s, int from, int to) {
    while (to > from && (s.charAt(to - 1) == ':' || s.charAt(to - 1) == 's')) {
      to--;
    }
    int n = to - from;
    return (n == 8 && s.regionMatches(true, from, "argument", 0, 8))
        || (n == 6 && s.regionMatches(true, from, "option", 0, 6))
        || (n == 4 && s.regionMatches(true, from, "flag", 0, 4))
        || (n == 9 && s.regionMatches(true, from, "parameter", 0, 9));
  }

  /** The word without sentence punctuation at its end. */
  static String withoutTrailingPunctuation(String w) {
    int end = w.length();
    while (end > 0 && ".,:;!?".indexOf(w.charAt(end - 1)) >= 0) {
      end--;
    }
    return end == w.length() ? w : w.substring(0, end);
  }

  /** A word that ends a sentence: {@code set.}, {@code failed!} (not {@code ...} alone). */
  static boolean endsSentence(String w) {
    char last = w.charAt(w.length() - 1);
    return w.length() > 1 && (last == '.' || last == '!' || last == '?');
  }

  /** A separator with an empty line ends the clause a flag was named in. */
  static boolean hasBlankLine(String s, int from, int to) {
    int breaks = 0;
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == '\n') {
        breaks++;
      }
    }
    return breaks >= 2;
  }

  private static final String[] VALUE_ANNOUNCERS = {"got", "given", "received", "found"};

  /** Words after which a parser repeats the value it was given: {@code got x}, {@code Given: x}. */
  static boolean announcesValue(String w) {
    String core = withoutTrailingPunctuation(w);
    return core.length() <= 8 && containsIgnoreCase(VALUE_ANNOUNCERS, core);
  }

  /**
   * A qualified type name such as {@code System.Int32} or {@code java.lang.Integer}: dotted
   * segments that each start with a letter, as parsers name the type they expected.
   */
  static boolean isTypeName(String w) {
    String core = withoutTrailingPunctuation(w);
    int dots = 0;
    boolean segmentStart = true;
    for (int i = 0; i < core.length(); i++) {
      char c = core.charAt(i);
      if (c == '.') {
        if (segmentStart) {
          return false;
        }
        dots++;
        segmentStart = true;
      } else if (segmentStart ? !Shapes.isLetter(c) : !Shapes.isAlnum(c)) {
        return false;
      } else {
        segmentStart = false;
      }
    }
    return dots > 0 && !segmentStart;
  }

  /**
   * Quotes, backslashes and spaces around exactly one comma: the boundary between two quoted list
   * elements ({@code ", "}, {@code \",\"}).
   */
  static boolean isListSeparator(String s, int from, int to) {
    int commas = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == ',') {
        commas++;
      } else if (!(c == ' ' || c == '\\' || closingQuoteFor(c) != 0)) {
        return false;
      }
    }
    return commas == 1;
  }

  /** Whether a list separator that opens the next quoted element starts at {@code from}. */
  static boolean startsListSeparator(String s, int from) {
    int to = from;
    while (to < s.length() && (isDelimiter(s.charAt(to)) || s.charAt(to) == '\\')) {
      to++;
    }
    return to > from
        && to < s.length()
        && closingQuoteFor(s.charAt(to - 1)) != 0
        && isListSeparator(s, from, to);
  }

  static boolean isAuthScheme(String w) {
    return w.length() <= 16 && containsIgnoreCase(AUTH_SCHEMES, w);
  }

  /** Case-insensitive membership without allocating a lowercase copy. */
  private static boolean containsIgnoreCase(String[] words, String w) {
    for (String word : words) {
      if (word.length() == w.length() && word.equalsIgnoreCase(w)) {
        return true;
      }
    }
    return false;
  }
}
