package dev.clianalytics.core.privacy;

/**
 * Redacts one word of an error message: a run of characters between whitespace, brackets, quotes,
 * commas, semicolons and pipes. Returns the word itself (the same instance) when nothing in it
 * needs hiding, so callers can tell cheaply whether it changed.
 */
final class WordRedactor {
  /**
   * Set when the last word was a secret name ending in {@code =} or {@code :} with its value still
   * to come ({@code password=} then {@code "hunter2"}).
   */
  boolean valuePending;

  /**
   * Set when the last word was a lone weak name with a colon ({@code key:}, {@code pass:}): the
   * next word is hidden only if it looks like a credential, so "Duplicate key: name" stays.
   */
  boolean credentialPending;

  /** Redacts a word as it appears in the message, sentence punctuation included. */
  String redact(String w) {
    if (w.length() > 2 && w.endsWith("=>")) {
      // "password=>" (Ruby, Perl): the value comes next, as after "password="
      return redact(w.substring(0, w.length() - 1)) + ">";
    }
    Steps.add(w.length());
    valuePending = false;
    credentialPending = false;
    int end = w.length();
    while (end > 0 && ".:!?".indexOf(w.charAt(end - 1)) >= 0) {
      end--;
    }
    char last = w.charAt(w.length() - 1);
    if (last == '=' && end == w.length()) {
      end = w.length() - 1; // "password=" then the value in quotes
    }
    if (end == 0) {
      return w;
    }
    String core = end == w.length() ? w : w.substring(0, end);
    String redacted = classify(core);
    if (redacted == core) {
      // Only a word that is a plain name can announce a value: "token:" yes, "ghp_...:" no.
      valuePending |= (last == ':' || last == '=') && announcesSecret(w, last == '=');
      // "auth:" names a topic more often than a value ("bad auth : Authentication failed").
      boolean weak = SecretNames.isWeakWord(core) || core.equalsIgnoreCase("auth");
      if (last == ':' && weak) {
        valuePending = false;
        credentialPending = true;
      }
      return w;
    }
    // "--token=PASSWORD: hunter2": a hidden value that is itself a secret name announces one
    // more; a token followed by a colon ("gho_...: HTTP 401") does not.
    int eq = core.lastIndexOf('=');
    valuePending |=
        (last == ':' || last == '=')
            && eq > 0
            && eq < core.length() - 1
            && announcesSecret(core.substring(eq + 1) + ":", false);
    return end == w.length() ? redacted : redacted + w.substring(end);
  }

  private static boolean announcesSecret(String w, boolean assignment) {
    int end = w.length();
    while (end > 0 && (w.charAt(end - 1) == ':' || w.charAt(end - 1) == '=')) {
      end--;
    }
    if (end == 0) {
      return false;
    }
    String name = w.substring(0, end);
    return SecretNames.isSecret(name, assignment)
        || (name.charAt(0) == '-' && SecretNames.isBlockedFlag(name));
  }

  /**
   * How deep {@link #classify} may nest (an assignment inside an assignment, {@code a=b=c}, a URL
   * after a prefix, the halves of {@code x@y}). Real words nest two or three levels; deeper nesting
   * is hostile input, and its rest becomes {@code <secret>} so a word costs linear time and a
   * bounded stack whatever it holds.
   */
  static final int MAX_NESTING = 8;

  private int nesting;

  /** Redacts a word without trailing punctuation. */
  String classify(String w) {
    if (nesting >= MAX_NESTING) {
      return Placeholders.SECRET;
    }
    nesting++;
    try {
      return classifyOnce(w);
    } finally {
      nesting--;
    }
  }

  private String classifyOnce(String w) {
    int n = w.length();
    Steps.add(n);
    if (n == 0 || isShortPlainWord(w)) {
      return w;
    }
    char c0 = (char) (w.charAt(0) | 0x20);
    if ((c0 == 'j' && startsWithIgnoreCase(w, "jdbc:"))
        || (c0 == 'm' && startsWithIgnoreCase(w, "mongodb+srv:"))) {
      return Placeholders.URL;
    }
    int sep = w.indexOf("://");
    if (sep >= 0) {
      return withScheme(w, sep);
    }
    if (c0 == 'f' && startsWithIgnoreCase(w, "file:")) {
      return Placeholders.PATH;
    }
    if (c0 == 'm' && startsWithIgnoreCase(w, "mailto:")) {
      return Placeholders.EMAIL;
    }
    if (TokenFormats.startsWithToken(w, 0, n)) {
      return Placeholders.SECRET;
    }
    if (Paths.startsLikePath(w)) {
      return Placeholders.PATH;
    }
    if (w.indexOf('&') > 0 && w.indexOf('=') > 0) {
      return splitOn(w, '&');
    }
    int eq = w.indexOf('=');
    int at = w.indexOf('@', 1);
    if (eq > 0 && (at < 0 || eq < at)) {
      return assignment(w, eq);
    }
    if (at > 0) {
      return Urls.atSign(w, at, this);
    }
    if (Paths.isPath(w)) {
      return Placeholders.PATH;
    }
    int colon = w.indexOf(':');
    if (colon >= 0) {
      if (isAnyAddressWithPort(w)) {
        return w;
      }
      if (Shapes.isIpv6OrMac(w, 0, n)) {
        return Placeholders.IP;
      }
      // Glued "name:value" reads like an assignment: "token:abc", "pass:hunter2" (openssl).
      if (colon > 0 && SecretNames.isSecret(w.substring(0, colon), true)) {
        return w.substring(0, colon + 1) + Placeholders.SECRET;
      }
    }
    return Pieces.redact(w);
  }

  /** {@code :::3000}, as Node prints a port taken on every address: nothing to hide. */
  private static boolean isAnyAddressWithPort(String w) {
    return w.startsWith(":::") && Shapes.allDigits(w, 3, w.length());
  }

  /** Letters and digits only and too short to be a key, an address or a path. */
  private static boolean isShortPlainWord(String w) {
    if (w.length() > 10) {
      return false;
    }
    for (int i = 0; i < w.length(); i++) {
      if (!Shapes.isAlnum(w.charAt(i))) {
        return w.length() == 1 && w.charAt(0) != '~';
      }
    }
    return true;
  }

  private String withScheme(String w, int sep) {
    int start = sep;
    while (start > 0 && isSchemeChar(w.charAt(start - 1))) {
      start--;
    }
    if (start == sep) {
      return Placeholders.URL;
    }
    if (start == 0) {
      return Urls.url(w, 0, sep);
    }
    String prefix = w.substring(0, start);
    char last = prefix.charAt(prefix.length() - 1);
    if ((last == '=' || last == ':') && announcesSecret(prefix, last == '=')) {
      return prefix + Placeholders.SECRET;
    }
    // Urls.url answers the whole word (not just its URL part) when the URL may stay
    String url = Urls.url(w, start, sep);
    boolean urlKept = url == w;
    String redactedPrefix = last == '=' || last == ':' ? prefix : classify(prefix);
    if (urlKept && redactedPrefix == prefix) {
      return w;
    }
    return redactedPrefix + (urlKept ? w.substring(start) : url);
  }

  private static boolean isSchemeChar(char c) {
    return Shapes.isAlnum(c) || c == '+' || c == '.' || c == '-';
  }

  /** {@code NAME=value}: a secret name hides its value; otherwise both sides are redacted. */
  private String assignment(String w, int eq) {
    String name = w.substring(0, eq);
    String value = w.substring(eq + 1);
    if (SecretNames.isSecret(name, true)
        || (name.charAt(0) == '-' && SecretNames.isBlockedFlag(name))) {
      char last = value.isEmpty() ? '=' : value.charAt(value.length() - 1);
      // "password=", "--token=PASSWORD:", "--token=--client-secret": the value comes next.
      valuePending |= last == '=' || last == ':' || announcesSecret(value + "=", true);
      return value.isEmpty() ? w : name + "=" + Placeholders.SECRET;
    }
    if (isVersionName(name, 0, name.length()) && Shapes.isDottedNumber(value, 0, value.length())) {
      return w; // Version=13.0.0.0 (.NET assembly names): four parts, and not an address
    }
    String redactedName = classify(name);
    String redactedValue = value.isEmpty() ? value : classify(value);
    if (redactedName == name && redactedValue == value) {
      return w;
    }
    return redactedName + "=" + redactedValue;
  }

  /**
   * A name whose last word is {@code version} or {@code ver}: {@code Version}, {@code
   * FILE_VERSION}.
   */
  static boolean isVersionName(String s, int from, int to) {
    while (to > from && (s.charAt(to - 1) == ':' || s.charAt(to - 1) == '=')) {
      to--;
    }
    int n = to - from;
    boolean word =
        n == 7
            ? s.regionMatches(true, from, "version", 0, 7)
            : n > 7
                ? s.regionMatches(true, to - 7, "version", 0, 7)
                    && !Shapes.isLetter(s.charAt(to - 8))
                : n == 3 && s.regionMatches(true, from, "ver", 0, 3);
    return word;
  }

  private String splitOn(String w, char separator) {
    StringBuilder out = null;
    int start = 0;
    for (int i = 0; i <= w.length(); i++) {
      if (i == w.length() || w.charAt(i) == separator) {
        String part = w.substring(start, i);
        String redacted = part.isEmpty() ? part : classify(part);
        if (redacted != part && out == null) {
          out = new StringBuilder(w.length() + 16).append(w, 0, start);
        }
        if (out != null) {
          out.append(redacted);
          if (i < w.length()) {
            out.append(separator);
          }
        }
        start = i + 1;
      }
    }
    return out == null ? w : out.toString();
  }

  private static boolean startsWithIgnoreCase(String w, String prefix) {
    return w.regionMatches(true, 0, prefix, 0, prefix.length());
  }
}
