package dev.clianalytics.core.privacy;

/**
 * Allocation-free tests on the shape of a character range: hex, UUIDs, digit runs, IP addresses and
 * generated-looking strings. Every method looks at {@code s[from, to)}.
 */
final class Shapes {
  /** Bit {@code c - 'a'} is set for the vowels a, e, i, o, u. */
  private static final long VOWELS = 0x104111L;

  private Shapes() {}

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean isAlnum(char c) {
    return isDigit(c) || isLetter(c);
  }

  static boolean isHexChar(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** Hex digits only, at least {@code minLength} of them. */
  static boolean isHex(CharSequence s, int from, int to, int minLength) {
    if (to - from < minLength) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!isHexChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  static boolean hasDigit(CharSequence s, int from, int to) {
    for (int i = from; i < to; i++) {
      if (isDigit(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  static boolean allDigits(CharSequence s, int from, int to) {
    if (to <= from) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** A run of at least {@code run} consecutive digits somewhere in the range. */
  static boolean hasDigitRun(CharSequence s, int from, int to, int run) {
    int current = 0;
    for (int i = from; i < to; i++) {
      current = isDigit(s.charAt(i)) ? current + 1 : 0;
      if (current >= run) {
        return true;
      }
    }
    return false;
  }

  /** Digits in two or more dot-separated parts: {@code 13.0.0.0}, {@code 1.2}. */
  static boolean isDottedNumber(CharSequence s, int from, int to) {
    if (to - from < 3 || !isDigit(s.charAt(from)) || !isDigit(s.charAt(to - 1))) {
      return false;
    }
    int dots = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '.') {
        if (s.charAt(i - 1) == '.') {
          return false;
        }
        dots++;
      } else if (!isDigit(c)) {
        return false;
      }
    }
    return dots >= 1;
  }

  /** The 8-4-4-4-12 hex form, any case. */
  static boolean isUuid(CharSequence s, int from, int to) {
    if (to - from != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(from + i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      if (dash ? c != '-' : !isHexChar(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Length of a dotted-quad IPv4 address starting at {@code from} (each part 0-255, extra digits
   * typed after the last part included), or 0 when there is none. A {@code /cidr} is not included.
   */
  static int ipv4Length(CharSequence s, int from, int to) {
    int i = from;
    for (int part = 0; part < 4; part++) {
      if (part > 0) {
        if (i >= to || s.charAt(i) != '.') {
          return 0;
        }
        i++;
      }
      int start = i;
      int value = 0;
      while (i < to && i - start < 3 && isDigit(s.charAt(i))) {
        int next = value * 10 + (s.charAt(i) - '0');
        if (part == 3 && next > 255) {
          break;
        }
        value = next;
        i++;
      }
      if (i == start || value > 255) {
        return 0;
      }
    }
    // A mistyped last part ("10.1.135.83333") still gives the address away.
    while (i < to && isDigit(s.charAt(i))) {
      i++;
    }
    return i - from;
  }

  /**
   * IPv6 in full or compressed form (with an optional zone or embedded IPv4), or a MAC address: hex
   * groups of at most four digits and colons only, with {@code ::} or at least five colons.
   */
  static boolean isIpv6OrMac(CharSequence s, int from, int to) {
    int end = to;
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == '%') {
        end = i;
        break;
      }
    }
    if (end - from < 3 || end - from > 45) {
      return false;
    }
    int colons = 0;
    int group = 0;
    boolean doubleColon = false;
    for (int i = from; i < end; i++) {
      char c = s.charAt(i);
      if (c == ':') {
        colons++;
        group = 0;
        doubleColon |= i > from && s.charAt(i - 1) == ':';
      } else if (c == '.') {
        group = 0;
      } else if (!isHexChar(c) || ++group > 4) {
        return false;
      }
    }
    return doubleColon || colons >= 5;
  }

  /**
   * Whether the range reads like a generated value (a key, a hash, an encoded blob) rather than a
   * word or identifier. Words switch between letters and digits rarely and are about a third
   * vowels; generated strings switch often, use many distinct characters and few vowels. Separators
   * ({@code -_.}) end a run; {@code +/=} are skipped, as in base64.
   */
  static boolean looksRandom(CharSequence s, int from, int to) {
    Steps.add(to - from);
    return to - from >= 16 && (looksRandomByShape(s, from, to) || hasOddLetterPairs(s, from, to));
  }

  private static boolean looksRandomByShape(CharSequence s, int from, int to) {
    int n = 0;
    int upper = 0;
    int digits = 0;
    int vowels = 0;
    int notHex = 0;
    int switches = 0;
    int caseSwitches = 0;
    int upperPairs = 0;
    int lowerToUpper = 0;
    int separators = 0;
    long seen = 0;
    int prev = -1;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      int cls;
      if (c >= 'a' && c <= 'z') {
        cls = 1;
        seen |= 1L << (c - 'a');
      } else if (c >= 'A' && c <= 'Z') {
        cls = 0;
        upper++;
        seen |= 1L << (c - 'A' + 26);
      } else if (isDigit(c)) {
        cls = 2;
        digits++;
      } else {
        if (c != '+' && c != '/' && c != '=') {
          prev = -1;
          separators++;
        }
        continue;
      }
      n++;
      if (cls != 2 && ((VOWELS >> ((c | 0x20) - 'a')) & 1) != 0) {
        vowels++;
      }
      if (cls != 2 && !isHexChar(c)) {
        notHex++;
      }
      if (prev == 0 && cls == 0) {
        upperPairs++;
      }
      if (prev == 1 && cls == 0) {
        lowerToUpper++;
      }
      if (prev >= 0 && prev != cls) {
        caseSwitches++;
        // Upper followed by lower is how every capitalized word starts, not a sign of noise.
        if (!(prev == 0 && cls == 1)) {
          switches++;
        }
      }
      prev = cls;
    }
    if (n < 16) {
      return false;
    }
    if (digits == n) {
      return true;
    }
    int letters = n - digits;
    if (notHex == 0 && letters > 0 && digits >= 2) {
      return true; // 16+ hex digits with letters: a hash, an id or a key
    }
    boolean fewVowels = vowels * 4 < n;
    boolean mixedCase = upper > 0 && upper < letters;
    // A long token with digits whose capitals keep starting mid-word and pairing up: camelCase
    // starts one word per capital and pairs capitals only in acronyms, generated text does both
    // throughout. (Among about 9,800 class names of the JDK and common libraries this flags one
    // more, PBEWithMD5AndTripleDESCipher, than the rules below.)
    if (digits >= 1
        && mixedCase
        && n >= 24
        && lowerToUpper >= 2
        && ((upperPairs + lowerToUpper) * 3 >= n || (vowels * 5 < n && upperPairs >= 2))) {
      return true;
    }
    if (digits >= 2 && letters >= 2) {
      int distinct = Long.bitCount(seen) + Math.min(digits, 10);
      return switches * 5 >= n || (fewVowels && distinct * 2 >= n && switches * 8 >= n);
    }
    if (n < 20) {
      return false;
    }
    if (!mixedCase) {
      // One case only: words have vowels, repeat letters and are joined by separators
      // (ERR_PNPM_NO_MATCHING_VERSION); base32 and friends are not.
      int distinct = Long.bitCount(seen);
      return separators == 0
          && distinct >= 12
          && (vowels * 5 < n || (upper == letters && distinct * 2 >= n));
    }
    // camelCase goes lower to upper once a word and pairs capitals only in acronyms; noise
    // does both all the time.
    return (lowerToUpper * 8 >= n && upperPairs >= 2)
        || (caseSwitches * 5 >= n * 2 && vowels * 10 < n * 3 && Long.bitCount(seen) * 2 >= n);
  }

  /**
   * Letter pairs that almost never occur inside one word of an identifier: fewer than three times
   * among the words of about 9,800 class names of the JDK 25 and of 200 Maven Central jars (split
   * at camelCase and acronym boundaries, case folded). Half of those names, held out, gave 1 false
   * positive in 4,903 under {@link #hasOddLetterPairs}.
   */
  private static final String RARE_PAIRS =
      "aj bf bh bk bp bq bt bv bx cf cj cq cw cx cz dq dw ej ez fb fd fg fh fk fm fn fp fq fv fw"
          + " fx fz gj gk gv gw gx hb hc hd hf hg hh hj hq hv hw hx hz ih iu iw iy jb jc jg jh jj jk"
          + " jn jt jw jx jy jz kf kh kj kq kv kw kz lh lj lq lw lz mf mh mj mq mv nw nx oe oh oq oz"
          + " pf pj pq pv pw px pz qa qb qc qd qe qf qg qh qi qj qk qm qn qo qp qq qr qs qt qv qx qy"
          + " qz rh rj rq rx rz sj tb tj tq tv tx uh uj uq uu uv uw vb vd vf vg vh vj vk vn vp vq vr"
          + " vs vt vv vw vx vy vz wc wd wg wj wk wl wm wp wq wu wv ww wx wy wz xb xf xg xj xl xn xq"
          + " xw xx yd yf yg yh yj yk yq yv yx yy zb zc zd zf zg zj zk zl zn zp zq zr zt zu zv zx zz";

  private static final boolean[] RARE = rarePairs();

  private static boolean[] rarePairs() {
    boolean[] rare = new boolean[26 * 26];
    for (int i = 0; i + 1 < RARE_PAIRS.length(); i += 3) {
      rare[(RARE_PAIRS.charAt(i) - 'a') * 26 + RARE_PAIRS.charAt(i + 1) - 'a'] = true;
    }
    return rare;
  }

  /**
   * Whether a token with digits or mixed case reads like letters drawn at random rather than words:
   * at least three of its within-word letter pairs, and at least one in six, are pairs identifiers
   * almost never contain ({@code xvyhr}, {@code gbzaHpj}). Catches generated strings with an
   * ordinary share of vowels and capitals, which the shape rules let through. A pair is within a
   * word unless a capital follows a small letter ({@code tH}) or starts a word after an acronym
   * (the {@code PR} of {@code HTTPResponse}).
   */
  private static boolean hasOddLetterPairs(CharSequence s, int from, int to) {
    int pairs = 0;
    int rare = 0;
    boolean digits = false;
    boolean upper = false;
    boolean lower = false;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      digits |= isDigit(c);
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
      if (i == from || !isLetter(c) || !isLetter(s.charAt(i - 1))) {
        continue;
      }
      char p = s.charAt(i - 1);
      boolean capital = c <= 'Z';
      boolean nextSmall = i + 1 < to && s.charAt(i + 1) >= 'a' && s.charAt(i + 1) <= 'z';
      if (capital && (p >= 'a' || nextSmall)) {
        continue; // a new word starts at c
      }
      pairs++;
      if (RARE[((p | 0x20) - 'a') * 26 + (c | 0x20) - 'a']) {
        rare++;
      }
    }
    return (digits || (upper && lower)) && rare >= 3 && rare * 6 >= pairs;
  }
}
