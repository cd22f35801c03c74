package dev.clianalytics.core.privacy;

/**
 * Recognizes credentials by their published prefixes (GitHub, GitLab, AWS, Slack, Stripe, Google,
 * npm, PyPI, OpenAI/Anthropic-style {@code sk-} keys, JWTs and more), so that even a low-entropy or
 * example-looking token is caught.
 */
final class TokenFormats {
  private TokenFormats() {}

  /**
   * A prefix, the least number of characters that must follow it, and whether what follows must
   * also look like a key (for prefixes that ordinary names can start with, such as {@code npm_}).
   */
  private record Format(String prefix, int minTail, boolean ambiguous) {
    Format(String prefix, int minTail) {
      this(prefix, minTail, false);
    }
  }

  private static final Format[] FORMATS = {
    new Format("ghp_", 16),
    new Format("gho_", 16),
    new Format("ghu_", 16),
    new Format("ghs_", 16),
    new Format("ghr_", 16),
    new Format("github_pat_", 16),
    new Format("glpat-", 12),
    new Format("gldt-", 12),
    new Format("glrt-", 12),
    new Format("glptt-", 12),
    new Format("glsoat-", 12),
    new Format("GR1348941", 12),
    new Format("xoxb-", 8),
    new Format("xoxa-", 8),
    new Format("xoxp-", 8),
    new Format("xoxr-", 8),
    new Format("xoxs-", 8),
    new Format("xoxe-", 8),
    new Format("xoxe.", 8),
    new Format("xapp-", 8),
    new Format("sk_live_", 8),
    new Format("sk_test_", 8),
    new Format("pk_live_", 8),
    new Format("pk_test_", 8),
    new Format("rk_live_", 8),
    new Format("rk_test_", 8),
    new Format("whsec_", 8),
    new Format("AIza", 20),
    new Format("ya29.", 16, true),
    new Format("GOCSPX-", 12),
    new Format("npm_", 20, true),
    new Format("pypi-", 16),
    new Format("sk-", 16, true),
    new Format("eyJ", 16, true),
    new Format("hf_", 20, true),
    new Format("SG.", 20, true),
    new Format("dop_v1_", 16),
    new Format("doo_v1_", 16),
    new Format("shpat_", 16),
    new Format("shpss_", 16),
    new Format("glc_", 20, true),
    new Format("AccountKey=", 8),
  };

  private static final Format[] NO_FORMATS = {};

  private static final Format[][] BY_FIRST_CHAR = new Format[128][];

  static {
    java.util.Arrays.fill(BY_FIRST_CHAR, NO_FORMATS);
    for (Format f : FORMATS) {
      Format[] old = BY_FIRST_CHAR[f.prefix().charAt(0)];
      Format[] grown = java.util.Arrays.copyOf(old, old.length + 1);
      grown[old.length] = f;
      BY_FIRST_CHAR[f.prefix().charAt(0)] = grown;
    }
  }

  private static final String[] AWS_KEY_IDS = {
    "AKIA", "ASIA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA", "ABIA", "ACCA"
  };

  /** Whether {@code s[from, to)} starts with a known credential prefix and is long enough. */
  static boolean startsWithToken(CharSequence s, int from, int to) {
    Steps.add(1);
    int length = to - from;
    if (length < 11) {
      return false;
    }
    char first = s.charAt(from);
    if (first == 'A' && length >= 20 && isAwsKeyId(s, from)) {
      return true;
    }
    if (first == 'e' && isJwt(s, from, to)) {
      return true;
    }
    for (Format f : first < 128 ? BY_FIRST_CHAR[first] : NO_FORMATS) {
      String p = f.prefix();
      if (length >= p.length() + f.minTail()
          && regionMatches(s, from, p)
          && (!f.ambiguous() || tailIsTokenLike(s, from + p.length(), to))) {
        return true;
      }
    }
    return false;
  }

  /** {@code eyJ} (base64 of {@code {"}) and a dot after the header: a JWT, whatever its entropy. */
  private static boolean isJwt(CharSequence s, int from, int to) {
    if (!regionMatches(s, from, "eyJ")) {
      return false;
    }
    for (int i = from + 3; i < to; i++) {
      char c = s.charAt(i);
      if (c == '.' || !(Shapes.isAlnum(c) || c == '-' || c == '_')) {
        Steps.add(i - from);
        return c == '.' && i - from >= 10;
      }
    }
    Steps.add(to - from);
    return false;
  }

  private static boolean isAwsKeyId(CharSequence s, int from) {
    for (String p : AWS_KEY_IDS) {
      if (regionMatches(s, from, p)) {
        for (int i = from + 4; i < from + 20; i++) {
          char c = s.charAt(i);
          if (!(Shapes.isDigit(c) || (c >= 'A' && c <= 'Z'))) {
            return false;
          }
        }
        return true;
      }
    }
    return false;
  }

  private static final int MAX_TAIL = 256;

  /** A credential's body is letters and digits; words joined by dashes are not a token. */
  private static boolean tailIsTokenLike(CharSequence s, int from, int end) {
    // Judged on its first characters: no credential is longer, and a run with a prefix at every
    // separator ("a.sk-b.sk-c...") must not cost a scan to its end at each.
    int to = Math.min(end, from + MAX_TAIL);
    Steps.add(to - from);
    int alnum = 0;
    int longestWordRun = 0;
    int run = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (Shapes.isAlnum(c)) {
        alnum++;
        run = Shapes.isLetter(c) && Character.isLowerCase(c) ? run + 1 : 0;
        longestWordRun = Math.max(longestWordRun, run);
      } else {
        run = 0;
      }
    }
    // "sk-learn-and-friends" is a name; "sk-AbC123..." is a key.
    return alnum * 4 >= (to - from) * 3 && !(longestWordRun >= 5 && !Shapes.hasDigit(s, from, to));
  }

  private static boolean regionMatches(CharSequence s, int from, String prefix) {
    if (s.length() - from < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (s.charAt(from + i) != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
