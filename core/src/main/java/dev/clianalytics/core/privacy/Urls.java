package dev.clianalytics.core.privacy;

import java.util.Locale;
import java.util.Set;

/**
 * URLs, connection strings and {@code something@somewhere} words. A plain web URL such as {@code
 * https://registry.npmjs.org/lodash} may stay; one with user info, a query string, an address as
 * host or a secret-looking segment becomes {@code <url>}, and every non-web scheme (databases,
 * queues, ssh, ftp, cloud storage) is treated as a connection string.
 */
final class Urls {
  private Urls() {}

  private static final Set<String> WEB_SCHEMES = Set.of("http", "https", "ws", "wss");

  /** npm dist-tags and similar labels that follow {@code package@}. */
  private static final Set<String> TAGS =
      Set.of(
          "latest",
          "next",
          "beta",
          "alpha",
          "canary",
          "rc",
          "experimental",
          "nightly",
          "stable",
          "lts",
          "edge",
          "dev",
          "insiders",
          "preview",
          "legacy",
          "main",
          "master",
          "none");

  /**
   * Redacts a word holding {@code ://} at {@code sep}, where the scheme starts at {@code
   * schemeStart} (text before it is left to the caller).
   */
  static String url(String w, int schemeStart, int sep) {
    Steps.add(w.length());
    String scheme = w.substring(schemeStart, sep).toLowerCase(Locale.ROOT);
    if (scheme.equals("file")) {
      return Placeholders.PATH;
    }
    if (!WEB_SCHEMES.contains(scheme)) {
      return Placeholders.URL;
    }
    int hostStart = sep + 3;
    int hostEnd = hostStart;
    while (hostEnd < w.length() && "/?#".indexOf(w.charAt(hostEnd)) < 0) {
      hostEnd++;
    }
    if (hostEnd == hostStart || !isPlainHost(w, hostStart, hostEnd)) {
      return Placeholders.URL;
    }
    for (int i = hostEnd; i < w.length(); i++) {
      char c = w.charAt(i);
      if (c == '?' || c == '=' || c == ';' || (c == '%' && isEncodedAt(w, i))) {
        return Placeholders.URL;
      }
      if (c == '@' && w.charAt(i - 1) != '/') {
        return Placeholders.URL;
      }
    }
    return hasSecretSegment(w, hostEnd) ? Placeholders.URL : w;
  }

  /** A DNS name with an optional port: no user info, no address, no webhook host. */
  private static boolean isPlainHost(String w, int from, int to) {
    if (w.charAt(from) == '[') {
      return false;
    }
    int end = to;
    for (int i = from; i < to; i++) {
      char c = w.charAt(i);
      if (c == '@') {
        return false;
      }
      if (c == ':' && end == to) {
        end = i;
      }
    }
    if (Shapes.ipv4Length(w, from, end) == end - from) {
      return false;
    }
    String host = w.substring(from, end).toLowerCase(Locale.ROOT);
    return !(host.startsWith("hooks.") || host.contains("webhook"));
  }

  private static boolean isEncodedAt(String w, int i) {
    return w.regionMatches(true, i, "%40", 0, 3) || w.regionMatches(true, i, "%3a", 0, 3);
  }

  private static boolean hasSecretSegment(String w, int from) {
    int start = from;
    for (int i = from; i <= w.length(); i++) {
      if (i == w.length() || w.charAt(i) == '/' || w.charAt(i) == '#') {
        if (i - start >= 16
            && (Shapes.looksRandom(w, start, i)
                || TokenFormats.startsWithToken(w, start, i)
                || Shapes.isUuid(w, start, i)
                || Shapes.isHex(w, start, i, 16))) {
          return true;
        }
        start = i + 1;
      }
    }
    return false;
  }

  /**
   * Redacts a word with an {@code @} at {@code at} (not at the start): an email, {@code
   * user:password@host}, {@code git@github.com:org/repo}, or a package with a version or tag
   * ({@code lodash@4.17.21}, {@code react@next}, {@code nginx@sha256:...}).
   */
  static String atSign(String w, int at, WordRedactor words) {
    Steps.add(w.length());
    String local = w.substring(0, at);
    String domain = w.substring(at + 1);
    if (domain.isEmpty()) {
      return join(words.classify(local), "@", "", w);
    }
    if (Shapes.ipv4Length(domain, 0, domain.length()) > 0) {
      return Placeholders.EMAIL;
    }
    if (isVersionOrTag(domain)) {
      return join(words.classify(local), "@", domain, w);
    }
    if (domain.startsWith("sha256:") || domain.startsWith("sha512:")) {
      // Pieces, not classify: a digest holds no address or assignment, and "x@sha256:y@sha256:..."
      // must not nest once per "@".
      return join(words.classify(local), "@", Pieces.redact(domain), w);
    }
    if (local.indexOf(':') >= 0 || domain.indexOf(':') >= 0 || domain.indexOf('/') >= 0) {
      return Placeholders.URL;
    }
    return Placeholders.EMAIL;
  }

  private static boolean isVersionOrTag(String s) {
    int i = 0;
    while (i < s.length() && "^~<>=*v".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    if (i < s.length() && Shapes.isDigit(s.charAt(i))) {
      for (int j = i; j < s.length(); j++) {
        char c = s.charAt(j);
        if (!(Shapes.isAlnum(c) || c == '.' || c == '-' || c == '+' || c == 'x' || c == '*')) {
          return false;
        }
      }
      return true;
    }
    return TAGS.contains(s);
  }

  private static String join(String left, String mid, String right, String original) {
    String joined = left + mid + right;
    return joined.equals(original) ? original : joined;
  }
}
