package dev.clianalytics.core.privacy;

/**
 * The last step for a word that is not a URL, email, path or assignment: each run of key-like
 * characters ({@code A-Za-z0-9_+/=.-}) that is a known token, a UUID or a high-entropy string
 * becomes {@code <secret>}, and each IPv4 address inside a run becomes {@code <ip>}. Other
 * characters ({@code :}, {@code @}, {@code #}, ...) separate runs and are kept.
 */
final class Pieces {
  private Pieces() {}

  static String redact(String w) {
    Steps.add(w.length());
    StringBuilder out = null;
    int n = w.length();
    int i = 0;
    while (i < n) {
      if (!isPieceChar(w.charAt(i))) {
        if (out != null) {
          out.append(w.charAt(i));
        }
        i++;
        continue;
      }
      int start = i;
      while (i < n && isPieceChar(w.charAt(i))) {
        i++;
      }
      int end = i;
      while (end > start + 1 && w.charAt(end - 1) == '.') {
        end--;
      }
      String replacement = redactRun(w, start, end);
      if (replacement != null && out == null) {
        out = new StringBuilder(n + 16).append(w, 0, start);
      }
      if (out != null) {
        if (replacement == null) {
          out.append(w, start, i);
        } else {
          out.append(replacement).append(w, end, i);
        }
      }
    }
    return out == null ? w : out.toString();
  }

  /** Key-like characters; {@code $} keeps crypt hashes ({@code $6$salt$hash}) in one run. */
  static boolean isPieceChar(char c) {
    return Shapes.isAlnum(c)
        || c == '_'
        || c == '-'
        || c == '.'
        || c == '+'
        || c == '/'
        || c == '='
        || c == '$';
  }

  /** The replacement for {@code w[from, to)}, or null to keep it. */
  private static String redactRun(String w, int from, int to) {
    if (to - from >= 11 && isSecretRun(w, from, to)) {
      return Placeholders.SECRET;
    }
    return to - from >= 7 ? redactIpv4(w, from, to) : null;
  }

  private static boolean isSecretRun(String w, int from, int to) {
    if (Shapes.isUuid(w, from, to) || Shapes.looksRandom(w, from, to)) {
      return true;
    }
    if (!hasSeparator(w, from, to)) {
      return TokenFormats.startsWithToken(w, from, to);
    }
    // A token or a random part may follow a benign prefix: "foo/ghp_...", "build-aB3dE5...".
    int start = from;
    for (int i = from; i <= to; i++) {
      char c = i < to ? w.charAt(i) : '/';
      if (c == '-' || c == '_' || c == '/' || c == '.' || c == '=' || c == '+' || c == '$') {
        if (i - start >= 16 && Shapes.looksRandom(w, start, i)) {
          return true;
        }
        start = i + 1;
        if (c != '-' && c != '_' && i + 1 < to && TokenFormats.startsWithToken(w, i + 1, to)) {
          return true;
        }
      }
    }
    return TokenFormats.startsWithToken(w, from, to);
  }

  private static boolean hasSeparator(String w, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = w.charAt(i);
      if (c == '-' || c == '_' || c == '/' || c == '.' || c == '=' || c == '+' || c == '$') {
        return true;
      }
    }
    return false;
  }

  /** Replaces each dotted-quad address inside the run; null when there is none. */
  private static String redactIpv4(String w, int from, int to) {
    int dots = 0;
    for (int i = from; i < to && dots < 3; i++) {
      if (w.charAt(i) == '.') {
        dots++;
      }
    }
    if (dots < 3) {
      return null;
    }
    StringBuilder out = null;
    int copied = from;
    for (int i = from; i < to; i++) {
      char c = w.charAt(i);
      boolean boundary = i == from || !(Shapes.isDigit(w.charAt(i - 1)) || w.charAt(i - 1) == '.');
      if (!boundary || !Shapes.isDigit(c)) {
        continue;
      }
      int length = Shapes.ipv4Length(w, i, to);
      if (length == 0 || (i == from + 1 && w.charAt(from) == 'v')) {
        continue;
      }
      if (out == null) {
        out = new StringBuilder(to - from + 8);
      }
      out.append(w, copied, i).append(Placeholders.IP);
      i += length - 1;
      copied = i + 1;
    }
    return out == null ? null : out.append(w, copied, to).toString();
  }
}
