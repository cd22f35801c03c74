package dev.clianalytics.core.privacy;

/**
 * Secrets that span several words and must be found before the message is split: PEM blocks ({@code
 * -----BEGIN ... PRIVATE KEY-----} to {@code -----END ...-----}, over several lines) and ADO-style
 * connection strings ({@code Server=db;User Id=sa;Password=...}).
 */
final class Blocks {
  private Blocks() {}

  private static final String PEM_BEGIN = "-----BEGIN";
  private static final String PEM_END = "-----END";

  /** Names that start an ADO-style connection string, lowercase. */
  private static final String[] CONNECTION_KEYS = {
    "server",
    "data source",
    "datasource",
    "host",
    "hostname",
    "address",
    "addr",
    "network address",
    "endpoint",
    "defaultendpointsprotocol",
    "accountname",
    "accountkey",
    "sharedaccesskeyname",
    "provider",
    "driver",
    "dsn",
    "uid",
    "user id",
    "userid",
    "username",
    "user",
    "database",
    "initial catalog",
    "password",
    "pwd"
  };

  static String redact(String message) {
    String s = message;
    Steps.add(s.length());
    if (s.indexOf(PEM_BEGIN) >= 0) {
      s = redactPem(s);
    }
    if (hasKeyValueList(s)) {
      s = redactConnectionStrings(s);
    }
    return s;
  }

  /**
   * Replaces each {@code Key=value;Key=value...} list that starts with a connection-string key (and
   * has at least one more pair) by {@code <url>}. One pass, no regular expression: a regex with a
   * repeated group recursed once per pair and overflowed the stack on a long list.
   */
  private static String redactConnectionStrings(String s) {
    int n = s.length();
    StringBuilder out = null;
    int copied = 0;
    int failedStop = -1; // a list whose first value ends here has no second pair
    int i = 0;
    while (i < n) {
      int keyEnd = i < failedStop ? -1 : connectionKeyAt(s, i);
      if (keyEnd < 0) {
        i++;
        continue;
      }
      int valueEnd = valueAfterEquals(s, keyEnd);
      if (valueEnd < 0) {
        i++;
        continue;
      }
      int end = valueEnd;
      int pairs = 0;
      while (end < n && s.charAt(end) == ';') {
        int next = pairAfterSemicolon(s, end + 1);
        if (next < 0) {
          break;
        }
        end = next;
        pairs++;
      }
      if (pairs == 0) {
        failedStop = valueEnd;
        i++;
        continue;
      }
      if (end < n && s.charAt(end) == ';') {
        end++;
      }
      if (out == null) {
        out = new StringBuilder(n);
      }
      out.append(s, copied, i).append(Placeholders.URL);
      copied = end;
      i = end;
    }
    return out == null ? s : out.append(s, copied, n).toString();
  }

  /** The end of a connection-string key starting at {@code i} (not inside a word), or -1. */
  private static int connectionKeyAt(String s, int i) {
    if (i > 0 && (Shapes.isAlnum(s.charAt(i - 1)) || s.charAt(i - 1) == '_')) {
      return -1;
    }
    char c = (char) (s.charAt(i) | 0x20);
    int best = -1;
    for (String key : CONNECTION_KEYS) {
      if (key.charAt(0) == c && s.regionMatches(true, i, key, 0, key.length())) {
        best = Math.max(best, i + key.length());
      }
    }
    return best;
  }

  /** After a key: optional spaces, {@code =}, then the value up to {@code ;} or a line end. */
  private static int valueAfterEquals(String s, int from) {
    int i = from;
    while (i < s.length() && i - from < 16 && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    if (i >= s.length() || s.charAt(i) != '=') {
      return -1;
    }
    return valueEnd(s, i + 1);
  }

  private static int valueEnd(String s, int from) {
    int i = from;
    while (i < s.length() && s.charAt(i) != ';' && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
      i++;
    }
    return i;
  }

  /** {@code Name = value} after a {@code ;}: a name of at most 41 characters; its value's end. */
  private static int pairAfterSemicolon(String s, int from) {
    int i = from;
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
      i++;
    }
    if (i >= s.length() || !Shapes.isLetter(s.charAt(i))) {
      return -1;
    }
    int nameStart = i;
    while (i < s.length()
        && i - nameStart <= 41
        && (Shapes.isAlnum(s.charAt(i)) || " _.-\t".indexOf(s.charAt(i)) >= 0)) {
      i++;
    }
    if (i >= s.length() || s.charAt(i) != '=') {
      return -1;
    }
    return valueEnd(s, i + 1);
  }

  /** A {@code ;} followed by {@code name =}: the shape the regex looks for, found cheaply. */
  private static boolean hasKeyValueList(String s) {
    for (int i = s.indexOf(';'); i >= 0; i = s.indexOf(';', i + 1)) {
      int j = i + 1;
      int limit = Math.min(s.length(), j + 42);
      while (j < limit && (Shapes.isAlnum(s.charAt(j)) || " _.-\t".indexOf(s.charAt(j)) >= 0)) {
        j++;
      }
      if (j < limit && j > i + 1 && s.charAt(j) == '=') {
        return true;
      }
    }
    return false;
  }

  /** Every PEM block, or everything after a BEGIN line whose END was cut off, is a secret. */
  private static String redactPem(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int from = 0;
    int begin;
    while ((begin = s.indexOf(PEM_BEGIN, from)) >= 0) {
      out.append(s, from, begin).append(Placeholders.SECRET);
      int end = s.indexOf(PEM_END, begin);
      if (end < 0) {
        return out.toString();
      }
      int close = s.indexOf("-----", end + PEM_END.length());
      from = close < 0 ? s.length() : close + 5;
    }
    return out.append(s, from, s.length()).toString();
  }
}
