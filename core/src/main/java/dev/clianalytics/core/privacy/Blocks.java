package dev.clianalytics.core.privacy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Secrets that span several words and must be found before the message is split: PEM blocks ({@code
 * -----BEGIN ... PRIVATE KEY-----} to {@code -----END ...-----}, over several lines) and ADO-style
 * connection strings ({@code Server=db;User Id=sa;Password=...}).
 */
final class Blocks {
  private Blocks() {}

  private static final String PEM_BEGIN = "-----BEGIN";
  private static final String PEM_END = "-----END";

  /** In a holder: compiled only for a message that looks like a key=value list. */
  private static final class Keyed {
    static final Pattern CONNECTION_STRING =
        Pattern.compile(
            "(?i)(?<![A-Za-z0-9_])(?:server|data source|datasource|host|hostname|address|addr"
                + "|network address|endpoint|defaultendpointsprotocol|accountname|accountkey"
                + "|sharedaccesskeyname|provider|driver|dsn|uid|user id|userid|username|user"
                + "|database|initial catalog|password|pwd)[ \\t]{0,16}+=[^;\\r\\n]{0,512}+"
                + "(?:;[ \\t]*+[A-Za-z][A-Za-z0-9 _.-]{0,40}?[ \\t]*=[^;\\r\\n]{0,512}+)+;?");
  }

  static String redact(String message) {
    String s = message;
    Steps.add(s.length());
    if (s.indexOf(PEM_BEGIN) >= 0) {
      s = redactPem(s);
    }
    if (hasKeyValueList(s)) {
      Matcher m = Keyed.CONNECTION_STRING.matcher(s);
      if (m.find()) {
        s = m.replaceAll(Placeholders.URL);
      }
    }
    return s;
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
