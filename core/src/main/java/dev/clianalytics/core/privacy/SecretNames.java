package dev.clianalytics.core.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a name (a flag, an environment variable, a JSON key, a header) announces a secret
 * value: {@code --password}, {@code GITHUB_TOKEN=}, {@code "api_key":}, {@code Authorization:}.
 */
final class SecretNames {
  private SecretNames() {}

  /** The flag blocklist of docs/privacy.md: a flag with one of these words is dropped. */
  static final Set<String> FLAG_WORDS =
      Set.of(
          "token",
          "password",
          "passwd",
          "pwd",
          "secret",
          "key",
          "apikey",
          "auth",
          "authorization",
          "credential",
          "credentials",
          "cred",
          "private",
          "cookie",
          "bearer",
          "passphrase",
          "signature",
          "otp",
          "session");

  private static final String[] FLAG_WORD_LIST = FLAG_WORDS.toArray(new String[0]);

  /** Found anywhere in a name, these make it secret: {@code PGPASSWORD}, {@code x-api-key}. */
  private static final String[] STRONG_PARTS = {
    "password", "passwd", "passphrase", "secret", "token", "apikey", "credential",
    "authorization", "privatekey", "accesskey", "cookie", "bearer", "signature", "sessionid",
    "sessionkey", "connectionstring", "clientkey", "masterkey", "signingkey", "encryptionkey"
  };

  /** Whole words that make a name secret; weak ones only in {@code NAME=value} or compounds. */
  private static final Set<String> STRONG_WORDS =
      Set.of("pwd", "cred", "creds", "otp", "auth", "jwt", "dsn", "mfa", "totp");

  private static final Set<String> WEAK_WORDS =
      Set.of("key", "pass", "private", "session", "sid", "pat", "pin", "sig");

  /** Words that, next to a weak word, make a name secret in {@code NAME: value} form. */
  private static final Set<String> QUALIFIERS =
      Set.of(
          "api",
          "access",
          "secret",
          "private",
          "client",
          "master",
          "signing",
          "encryption",
          "ssh",
          "gpg",
          "pgp",
          "deploy",
          "license",
          "account",
          "service",
          "app",
          "user",
          "db",
          "admin",
          "root",
          "auth",
          "session");

  /** Words that say the value is a count, a size or a label about a secret, not the secret. */
  private static final Set<String> DESCRIPTIVE_WORDS =
      Set.of(
          "max",
          "min",
          "count",
          "limit",
          "limits",
          "num",
          "number",
          "total",
          "used",
          "length",
          "size",
          "type",
          "ttl",
          "timeout",
          "expiry",
          "expires",
          "lifetime",
          "format",
          "version",
          "name",
          "names",
          "file",
          "path",
          "dir",
          "url",
          "endpoint",
          "policy");

  /**
   * Whether {@code name} announces a secret value. {@code assignment} is true for {@code
   * NAME=value}, where weak words such as {@code key} count on their own; in {@code NAME: value}
   * they count only inside a compound name ({@code api_key:}), since "key:" starts plain prose.
   */
  static boolean isSecret(String name, boolean assignment) {
    Steps.add(name.length());
    if (!mayBeSecret(name)) {
      return false;
    }
    List<String> words = words(name, true);
    if (words.isEmpty()) {
      return false;
    }
    boolean hasStrong = false;
    boolean hasWeak = false;
    StringBuilder joined = new StringBuilder(name.length());
    for (String w : words) {
      if (DESCRIPTIVE_WORDS.contains(w)) {
        return false;
      }
      hasStrong |= STRONG_WORDS.contains(w);
      hasWeak |= WEAK_WORDS.contains(w);
      joined.append(w);
    }
    if (CLASS_SUFFIXES.contains(words.get(words.size() - 1))) {
      return false; // TokenExpiredError, NoCredentialsError: a class's name, not a secret's
    }
    String compact = joined.toString();
    for (String part : STRONG_PARTS) {
      if (containsAsName(compact, part)) {
        return true;
      }
    }
    if (hasStrong) {
      return true;
    }
    if (!hasWeak) {
      return false;
    }
    if (assignment || words.size() == 1) {
      return assignment;
    }
    // "api_key:" and "Private-Key:" announce secrets; "KeyError:" does not.
    for (String w : words) {
      if (QUALIFIERS.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /** The last word of an error class's or a condition's name. */
  private static final Set<String> CLASS_SUFFIXES =
      Set.of(
          "error",
          "errors",
          "exception",
          "exceptions",
          "failure",
          "fault",
          "warning",
          "expired",
          "invalid",
          "missing",
          "required",
          "mismatch");

  /**
   * Letters that make a longer word of a secret part: {@code tokenizer}, {@code tokenized}, {@code
   * secretary}, {@code passwordless}. Any other continuation ({@code secretkey}, {@code tokenid})
   * still counts as a secret.
   */
  private static final String[] WORD_SUFFIXES = {
    "iz", "is", "ary", "ari", "iv", "less", "ed", "ing"
  };

  /** {@code part} occurs in {@code compact} other than as the stem of a longer word. */
  private static boolean containsAsName(String compact, String part) {
    for (int i = compact.indexOf(part); i >= 0; i = compact.indexOf(part, i + 1)) {
      int after = i + part.length();
      boolean longerWord = false;
      for (String suffix : WORD_SUFFIXES) {
        longerWord |= compact.startsWith(suffix, after);
      }
      if (!longerWord) {
        return true;
      }
    }
    return false;
  }

  /** Every secret word and part contains one of these, so a name without any is not secret. */
  private static final String[] CUES = {
    "pass",
    "pwd",
    "secret",
    "token",
    "key",
    "auth",
    "cred",
    "cookie",
    "bearer",
    "sig",
    "otp",
    "session",
    "sid",
    "jwt",
    "dsn",
    "mfa",
    "pin",
    "pat",
    "private",
    "connection"
  };

  private static final String[][] CUES_BY_LETTER = byFirstLetter(CUES);

  private static final String[][] FLAG_WORDS_BY_LETTER = byFirstLetter(FLAG_WORD_LIST);

  private static String[][] byFirstLetter(String[] words) {
    String[][] index = new String[26][0];
    for (String w : words) {
      int slot = w.charAt(0) - 'a';
      String[] old = index[slot];
      index[slot] = java.util.Arrays.copyOf(old, old.length + 1);
      index[slot][old.length] = w;
    }
    return index;
  }

  /** The words of {@code index} that may start at {@code s[i]}, matched case-insensitively. */
  private static String[] candidates(String[][] index, String s, int i) {
    int slot = (s.charAt(i) | 0x20) - 'a';
    return slot >= 0 && slot < 26 ? index[slot] : NONE;
  }

  private static final String[] NONE = {};

  /** A cheap, allocation-free necessary condition for {@link #isSecret}. */
  private static boolean mayBeSecret(String name) {
    for (int i = 0; i + 3 <= name.length(); i++) {
      for (String cue : candidates(CUES_BY_LETTER, name, i)) {
        if (name.regionMatches(true, i, cue, 0, cue.length())) {
          return true;
        }
      }
    }
    return false;
  }

  /** A single weak word such as {@code key} or {@code pass}, any case. */
  static boolean isWeakWord(String w) {
    for (String weak : WEAK_WORDS) {
      if (weak.length() == w.length() && weak.equalsIgnoreCase(w)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a flag name (leading dashes allowed) contains a blocklisted word. */
  static boolean isBlockedFlag(String flag) {
    Steps.add(flag.length());
    int start = 0;
    while (start < flag.length() && flag.charAt(start) == '-') {
      start++;
    }
    if (hasBlockedWord(flag, start)) {
      return true;
    }
    // "-Dpassword=x" and "-psecret": a one-letter option with a name glued on.
    return start == 1 && flag.length() > 3 && hasBlockedWord(flag, 2);
  }

  /** Checks each word (split at non-alphanumerics and camelCase) without allocating. */
  private static boolean hasBlockedWord(String s, int from) {
    int start = -1;
    for (int i = from; i <= s.length(); i++) {
      char c = i < s.length() ? s.charAt(i) : ' ';
      boolean alnum = Shapes.isAlnum(c);
      boolean camel =
          alnum && start >= 0 && Character.isUpperCase(c) && Character.isLowerCase(s.charAt(i - 1));
      if (start >= 0 && (!alnum || camel)) {
        if (isFlagWord(s, start, i)) {
          return true;
        }
        start = -1;
      }
      if (alnum && start < 0) {
        start = i;
      }
    }
    return false;
  }

  /**
   * A blocklisted word, or a word that contains one of at least five letters ({@code --dbpassword},
   * {@code --newtoken}); "tokens" alone is a count ({@code --max-tokens}).
   */
  private static boolean isFlagWord(String s, int from, int to) {
    int length = to - from;
    if (length < 3) {
      return false;
    }
    if (length == 6 && s.regionMatches(true, from, "tokens", 0, 6)) {
      return false;
    }
    for (int i = from; i < to; i++) {
      for (String word : candidates(FLAG_WORDS_BY_LETTER, s, i)) {
        int wl = word.length();
        boolean whole = i == from && wl == length;
        if ((whole || (wl >= 5 && i + wl <= to)) && s.regionMatches(true, i, word, 0, wl)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Lowercase words of a name, split on anything but letters and digits and, when {@code camel} is
   * set, at camelCase boundaries ({@code apiKey} gives {@code api}, {@code key}).
   */
  static List<String> words(String name, boolean camel) {
    List<String> out = new ArrayList<>(4);
    int start = -1;
    for (int i = 0; i <= name.length(); i++) {
      char c = i < name.length() ? name.charAt(i) : ' ';
      boolean alnum = Shapes.isAlnum(c);
      boolean boundary =
          camel
              && alnum
              && start >= 0
              && Character.isUpperCase(c)
              && Character.isLowerCase(name.charAt(i - 1));
      if (start >= 0 && (!alnum || boundary)) {
        out.add(name.substring(start, i).toLowerCase(Locale.ROOT));
        start = -1;
      }
      if (alnum && start < 0) {
        start = i;
      }
    }
    return out;
  }
}
