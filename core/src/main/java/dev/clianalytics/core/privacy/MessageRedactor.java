package dev.clianalytics.core.privacy;

/**
 * One pass over an error message: splits it into words and separators, redacts each word with
 * {@link WordRedactor}, and carries the context that a single word cannot see: the value after
 * {@code password:}, {@code --token}, {@code Bearer} or {@code Authorization:}, the rest of a
 * quoted value or path with spaces, and a path continued after a space.
 */
final class MessageRedactor {
  private enum Pending {
    NONE,
    /** The next word is a secret value. */
    VALUE,
    /** The next word is a secret value unless it is another flag (after {@code --token}). */
    FLAG_VALUE,
    /** The next word is a secret if it looks like a credential (after {@code Bearer}). */
    CREDENTIAL,
    /** The next word is a secret if it holds a colon (after {@code -u}: user:password). */
    USER_PASSWORD,
    /** After any other flag: the value is hidden if it is shaped like a password. */
    PASSWORD_SHAPED
  }

  private final String in;
  private final StringBuilder out;
  private final WordRedactor words = new WordRedactor();
  private Pending pending = Pending.NONE;
  private boolean cookie;
  private boolean authHeader;
  private char closingQuote;
  private boolean quotedPath;
  private boolean lastWasPath;
  private int lastWordStart = -1;
  private int lastWordEnd = -1;
  private int sepStart;
  private int sepEnd;

  /** The value of a list element after a quoted secret flag: {@code "--password", "x"}. */
  private boolean listValue;

  /** The last word hidden inside a quoted value was a secret's name with {@code =} or {@code :}. */
  private boolean hiddenAnnounces;

  /** {@code NAME=} or {@code name:} with a secret name, or a secret flag. */
  private boolean announcesValue(int start, int end) {
    char last = in.charAt(end - 1);
    if (end - start < 2) {
      return false;
    }
    if (last == '=' || last == ':') {
      return SecretNames.isSecret(in.substring(start, end - 1), last == '=');
    }
    return in.charAt(start) == '-' && SecretNames.isBlockedFlag(in.substring(start, end));
  }

  /** A {@code -u} user option was read: a {@code -p} with a word glued on is its password. */
  private boolean userOptionSeen;

  /** Where the content of the quote opened last starts in {@code out}, or -1. */
  private int openQuoteOut = -1;

  private char openQuote;

  /**
   * The content of the last closed quote in {@code out}, as {@code [quotedOutStart, quotedOutEnd)}:
   * a value quoted before the flag it belongs to ({@code invalid argument "x" for "--token" flag})
   * is hidden once the flag is read. -1 when there is none or too many words came since.
   */
  private int quotedOutStart = -1;

  private int quotedOutEnd;

  /** Words read since that quote closed. */
  private int wordsSinceQuote;

  /**
   * Whether one of them was {@code for}: {@code "x" for "--token"}, {@code 'x' isn't valid for}.
   */
  private boolean forSinceQuote;

  /**
   * Words left in the clause that named a secret flag: a quoted word among them is its value
   * ({@code Invalid value for '--token': 'x' is not ...}, {@code got "x"}).
   */
  private int secretClause;

  private MessageRedactor(String in) {
    this.in = in;
    this.out = new StringBuilder(in.length() + 16);
  }

  static String redact(String message) {
    return new MessageRedactor(message).run();
  }

  private String run() {
    int n = in.length();
    Steps.add(n);
    int i = 0;
    while (i < n) {
      int start = i;
      while (i < n && isDelimiterAt(i) && Lexer.placeholderLength(in, i) == 0) {
        i++;
      }
      if (i > start) {
        separator(start, i);
      }
      if (i >= n) {
        break;
      }
      start = i;
      int placeholder = Lexer.placeholderLength(in, i);
      if (placeholder > 0) {
        i += placeholder;
      } else {
        while (i < n && !isDelimiterAt(i)) {
          i++;
        }
      }
      word(start, i, placeholder > 0);
    }
    return out.toString();
  }

  /**
   * A delimiter, or a backslash escaping a quote ({@code {\"password\":\"x\"}}); the {@code >} of
   * Ruby's and Perl's {@code =>} is not one, so that {@code password => x} assigns as {@code
   * password = x} does.
   */
  private boolean isDelimiterAt(int i) {
    char c = in.charAt(i);
    if (c == '>' && i > 0 && in.charAt(i - 1) == '=') {
      return false;
    }
    if (Lexer.isDelimiter(c)) {
      return true;
    }
    return c == '\\' && i + 1 < in.length() && Lexer.closingQuoteFor(in.charAt(i + 1)) != 0;
  }

  private void separator(int start, int end) {
    sepStart = start;
    sepEnd = end;
    if (closingQuote != 0) {
      int close = Lexer.indexOfClosing(in, start, end, closingQuote);
      if (close < 0) {
        return;
      }
      closingQuote = 0;
      start = close;
      if (hiddenAnnounces) {
        // 'x PGPASSWORD='y': the quote taken for the end of the hidden value opened the next.
        pending = Pending.VALUE;
        hiddenAnnounces = false;
      }
    }
    trackQuotes(start, end);
    out.append(in, start, end);
    if (pending != Pending.NONE
        && !Lexer.onlySpacesAndQuotes(in, start, end, cookie)
        && !(listValue && Lexer.isListSeparator(in, start, end))) {
      pending = Pending.NONE;
    }
    if (secretClause > 0 && Lexer.hasBlankLine(in, start, end)) {
      secretClause = 0;
    }
    if (end - start == 1
        && in.charAt(start) == '>'
        && lastWordStart > 0
        && in.charAt(lastWordStart - 1) == '<'
        && SecretNames.isSecret(in.substring(lastWordStart, lastWordEnd), true)) {
      pending = Pending.VALUE;
    }
  }

  /**
   * Notes where quotes open and close in the separator {@code in[start, end)}, which is about to be
   * appended to {@code out} unchanged. A quote right after a word closes; one right before the next
   * word opens (an apostrophe between letters, as in {@code can't}, does neither).
   */
  private void trackQuotes(int start, int end) {
    if (!hasQuote(start, end)) {
      return; // the usual separator: spaces, brackets, commas
    }
    int base = out.length();
    int afterWord = start;
    while (afterWord < end && in.charAt(afterWord) == '\\') {
      afterWord++;
    }
    for (int k = start; k < end; k++) {
      char c = in.charAt(k);
      boolean wordBefore = k == afterWord && k > 0 && !Lexer.isDelimiter(in.charAt(k - 1));
      boolean wordAfter = k == end - 1 && end < in.length();
      if (wordBefore && wordAfter) {
        continue;
      }
      if (wordBefore && openQuoteOut >= 0 && c == Lexer.closingQuoteFor(openQuote)) {
        quotedOutStart = openQuoteOut;
        quotedOutEnd = base + k - start;
        wordsSinceQuote = 0;
        forSinceQuote = false;
        openQuoteOut = -1;
      } else if (wordAfter && Lexer.closingQuoteFor(c) != 0 && opensAt(k)) {
        openQuoteOut = base + k - start + 1;
        openQuote = c;
      }
    }
  }

  private boolean hasQuote(int start, int end) {
    for (int k = start; k < end; k++) {
      char c = in.charAt(k);
      if (c == '"'
          || c == '\''
          || c == '`'
          || (c > 127 && (Lexer.closingQuoteFor(c) != 0 || c == '\u2019' || c == '\u201D'))) {
        return true;
      }
    }
    return false;
  }

  /** A quote at {@code k} opens when it starts the text or follows a space, bracket or comma. */
  private boolean opensAt(int k) {
    int p = k - 1;
    while (p >= 0 && in.charAt(p) == '\\') {
      p--;
    }
    return p < 0 || in.charAt(p) <= ' ' || "([{,=:".indexOf(in.charAt(p)) >= 0;
  }

  /** Whether {@code in[start, end)} is wrapped in a pair of quotes, as a mention or a value. */
  private boolean isQuotedAlone(int start, int end) {
    if (start == 0 || end >= in.length()) {
      return false;
    }
    char close = Lexer.closingQuoteFor(in.charAt(start - 1));
    return close != 0
        && (in.charAt(end) == close
            || (in.charAt(end) == '\\' && end + 1 < in.length() && in.charAt(end + 1) == close));
  }

  /**
   * A secret flag named in prose ({@code --token}, {@code "-t, --token"}, {@code flag -token:},
   * {@code option '--api-key <KEY>'}): a value quoted just before it (linked by words such as
   * {@code for}) is hidden now, and quoted words in the rest of its clause are hidden as they come.
   */
  private void secretFlagNamed() {
    if (quotedOutStart >= 0 && forSinceQuote) {
      int removed = quotedOutEnd - quotedOutStart - Placeholders.SECRET.length();
      out.replace(quotedOutStart, quotedOutEnd, Placeholders.SECRET);
      if (openQuoteOut > quotedOutEnd) {
        openQuoteOut -= removed;
      }
      quotedOutStart = -1;
    }
    secretClause = CLAUSE_WORDS;
  }

  /** How many words may stand between a value quoted before a flag's name and that name. */
  private static final int MAX_WORDS_TO_FLAG = 6;

  /** How many words after a secret flag's name its quoted value may come. */
  private static final int CLAUSE_WORDS = 12;

  private void word(int start, int end, boolean placeholder) {
    if (closingQuote != 0) {
      if (!(quotedPath && in.charAt(start) == '-')) {
        hiddenAnnounces = announcesValue(start, end);
        return;
      }
      // "/bin/sh -c npm ci": an option means a command line, not a path with spaces.
      closingQuote = 0;
      out.append(in, sepStart, sepEnd);
    }
    String w = in.substring(start, end);
    int previousStart = lastWordStart;
    int previousEnd = lastWordEnd;
    lastWordStart = start;
    lastWordEnd = end;
    if (placeholder) {
      out.append(w);
      lastWordStart = -1; // "<secret>:" names nothing
      pending = Pending.NONE;
      lastWasPath = w.equals(Placeholders.PATH);
      return;
    }
    if (pending != Pending.NONE && consumePending(w, start, end, previousStart, previousEnd)) {
      quotedOutStart = -1;
      return;
    }
    if (Lexer.endsSentence(w)) {
      secretClause = 0;
    } else if (secretClause > 0) {
      secretClause--;
      if (openQuoteOut == out.length()
          && w.charAt(0) != '-'
          && !isAssignmentOperator(w)
          && !Lexer.isLiteralValue(w)
          && !Lexer.isTypeName(w)
          && !isSecretFlagName(w, previousStart, previousEnd)) {
        out.append(Placeholders.SECRET); // the value quoted after the flag's name
        lastWasPath = false;
        quotedOutStart = -1;
        quoteRestOfValue(start, end);
        return;
      }
    }
    if (isSecretFlagName(w, previousStart, previousEnd)) {
      secretFlagNamed();
    } else if (quotedOutStart >= 0) {
      forSinceQuote |= w.equalsIgnoreCase("for");
      if (++wordsSinceQuote > MAX_WORDS_TO_FLAG) {
        quotedOutStart = -1;
      }
    }
    if (secretClause > 0 && Lexer.announcesValue(w)) {
      pending = Pending.FLAG_VALUE; // "got x", "Given: x", "but received: x"
    }
    if (lastWasPath
        && isSingleSpaceBefore(start)
        && (w.indexOf('/') >= 0 || w.indexOf('\\') >= 0)) {
      out.setLength(out.length() - 1); // "/Users/John Smith/x": one path, one placeholder
      return;
    }
    if (isAssignmentOperator(w)
        && previousStart >= 0
        && Lexer.onlySpacesAndQuotes(in, previousEnd, start, false)) {
      String name = in.substring(previousStart, previousEnd);
      // A flag's name before a colon is a mention ("--token": couldn't convert "x"); its quoted
      // value is left to the clause rule.
      if (name.charAt(0) != '-' && SecretNames.isSecret(name, w.charAt(0) == '=')) {
        out.append(w);
        // "bad auth : Authentication failed": only a credential-looking word is hidden.
        pending = name.equalsIgnoreCase("auth") ? Pending.CREDENTIAL : Pending.VALUE;
        return;
      }
    }
    if (previousStart >= 0
        && WordRedactor.isVersionName(in, previousStart, previousEnd)
        && Shapes.isDottedNumber(w, 0, w.length())) {
      out.append(w); // "version 13.0.0.0": a version, not an address
      lastWasPath = false;
      return;
    }
    String r = words.redact(w);
    if (words.valuePending) {
      pending = Pending.VALUE;
      authHeader =
          w.regionMatches(true, 0, "authorization", 0, 13)
              || w.regionMatches(true, 0, "proxy-authorization", 0, 19);
      cookie =
          w.regionMatches(true, 0, "cookie", 0, 6) || w.regionMatches(true, 0, "set-cookie", 0, 10);
    } else if (words.credentialPending) {
      pending = Pending.CREDENTIAL;
    } else if (r == w) {
      r = contextTrigger(w, start, end);
    }
    if (pending == Pending.VALUE && r == w && w.charAt(0) == '-' && w.endsWith(":")) {
      pending = Pending.CREDENTIAL; // "argument --token: invalid ...": a name in prose
    }
    if (r.equals(Placeholders.PATH) && isXmlClosingTag(w, start, end)) {
      r = w;
    }
    out.append(r);
    lastWasPath = r.equals(Placeholders.PATH);
    if (r != w && (lastWasPath || r.equals(Placeholders.SECRET))) {
      quoteRestOfValue(start, end);
    }
  }

  /** Sets what the next word is after an unchanged word such as {@code --token} or Bearer. */
  private String contextTrigger(String w, int start, int end) {
    char c0 = w.charAt(0);
    userOptionSeen |= Flags.isUserOption(w);
    listValue = false;
    if (c0 == '-' && w.length() > 1) {
      if (w.equals("-p") || SecretNames.isBlockedFlag(w) || SecretNames.isSecret(w, true)) {
        pending = Pending.FLAG_VALUE;
        if (isQuotedAlone(start, end)) {
          // A quoted flag is a mention ("--token" flag: ...) unless the next list element
          // follows: {"argv": ["login", "--password", "x"]}.
          listValue = Lexer.startsListSeparator(in, end);
          pending = listValue ? Pending.VALUE : Pending.NONE;
        }
      } else if (w.equals("-u") || w.equals("--user")) {
        pending = Pending.USER_PASSWORD;
      } else if (w.equals("-a") || w.equals("-k") || w.equals("-P")) {
        pending = Pending.CREDENTIAL; // redis-cli -a, openssl -k, mysql/sshpass -P
      } else if (w.length() > 2
          && Shapes.isAlnum(w.charAt(2))
          && Flags.isGluedPassword(w, 2, userOptionSeen)) {
        return "-p" + Placeholders.SECRET; // mysql -pHunter2, mysql -uroot -pletmein
      } else if (!Shapes.isDigit(w.charAt(1))) {
        pending = Pending.PASSWORD_SHAPED;
      }
    } else if (Lexer.announcesCredential(w)) {
      pending = Pending.CREDENTIAL;
    }
    return w;
  }

  /** Handles the word after a trigger; false when it turned out not to be a value. */
  private boolean consumePending(String w, int start, int end, int previousStart, int previousEnd) {
    Pending was = pending;
    if (isAssignmentOperator(w)) {
      out.append(w); // "PASSWORD = x": the value is still to come
      if (was == Pending.CREDENTIAL && isSecretAssignment(w, previousStart, previousEnd, start)) {
        pending = Pending.VALUE; // "token = Summer": assigned, any word is the value
      }
      return true;
    }
    pending = Pending.NONE;
    if (Lexer.isLiteralValue(w)) {
      return false; // "(using password: YES)", "token: null"
    }
    switch (was) {
      case NONE, VALUE -> {}
      case FLAG_VALUE -> {
        // before the prose words, which hold "is" and "was" too
        if (Lexer.isFiller(w)) {
          pending = Pending.CREDENTIAL; // "--password is Hunter2", "--token is required"
          out.append(w);
          return true;
        }
        if (w.charAt(0) == '-' || Lexer.isProse(w)) {
          return false; // "--token or --password", "--api-key must be set"
        }
      }
      case CREDENTIAL -> {
        if (w.charAt(0) == '-' && Flags.hasFlagShape(Lexer.withoutTrailingPunctuation(w))) {
          return false; // "pass --api-key": a flag's name, not a credential
        }
        if (Lexer.isFiller(w)) {
          pending = was; // "password is Hunter2"
          out.append(w);
          return true;
        }
        if (!Lexer.looksLikeCredential(w)) {
          return false;
        }
      }
      case USER_PASSWORD -> {
        if (w.indexOf(':') < 0) {
          return false;
        }
      }
      case PASSWORD_SHAPED -> {
        if (!Lexer.looksLikePassword(w)) {
          return false;
        }
      }
    }
    // "Authorization: Bearer abc": the scheme is a useful word, the credential after it is not.
    if (authHeader && Lexer.isAuthScheme(w)) {
      authHeader = false;
      out.append(w);
      pending = Pending.VALUE;
      return true;
    }
    out.append(Placeholders.SECRET);
    lastWasPath = false;
    listValue = false;
    char last = w.charAt(w.length() - 1);
    boolean announces =
        ((last == '=' || last == ':') && w.length() > 1)
            || Lexer.isAuthScheme(w)
            || Lexer.announcesCredential(w);
    if (announces || (cookie && end < in.length() && in.charAt(end) == ';')) {
      pending = Pending.VALUE; // "--api-key PGPASSWORD='x'": the value after the value
    } else if (w.charAt(0) == '-' && w.length() > 1 && SecretNames.isBlockedFlag(w)) {
      pending = Pending.FLAG_VALUE; // "password= --token x": the hidden value was a flag
    }
    quoteRestOfValue(start, end);
    return true;
  }

  /** A value that opened with a quote hides everything up to the closing quote. */
  private void quoteRestOfValue(int start, int end) {
    if (start == 0) {
      return;
    }
    char open = in.charAt(start - 1);
    char close = Lexer.closingQuoteFor(open);
    boolean closesHere =
        end < in.length()
            && (in.charAt(end) == close
                || (in.charAt(end) == '\\'
                    && end + 1 < in.length()
                    && in.charAt(end + 1) == close));
    if (close != 0 && !closesHere) {
      closingQuote = close;
      hiddenAnnounces = false;
      quotedPath = lastWasPath;
      pending = Pending.NONE;
    }
  }

  private boolean isSingleSpaceBefore(int start) {
    return sepEnd == start && sepEnd - sepStart == 1 && in.charAt(sepStart) == ' ';
  }

  private boolean isXmlClosingTag(String w, int start, int end) {
    return w.charAt(0) == '/'
        && start > 0
        && in.charAt(start - 1) == '<'
        && end < in.length()
        && in.charAt(end) == '>';
  }

  /**
   * A secret flag's name: {@code --token}, {@code -token:}, {@code --api-key,}, or a secret word
   * right after {@code argument}, {@code option} or {@code flag} ({@code Argument: token}).
   */
  private boolean isSecretFlagName(String w, int previousStart, int previousEnd) {
    if (w.charAt(0) != '-'
        && (previousStart < 0 || !Lexer.isOptionWord(in, previousStart, previousEnd))) {
      return false; // the common case, decided without a copy
    }
    String name = Lexer.withoutTrailingPunctuation(w);
    int slash = name.lastIndexOf('/');
    if (slash > 0 && name.charAt(0) == '-' && slash + 1 < name.length()) {
      name = name.substring(slash + 1); // argparse's "-k/--api-key"
    }
    if (name.length() < 2) {
      return false;
    }
    if (name.charAt(0) == '-') {
      return Flags.hasFlagShape(name)
          && (SecretNames.isBlockedFlag(name) || SecretNames.isSecret(name, true));
    }
    return previousStart >= 0
        && Lexer.isOptionWord(in, previousStart, previousEnd)
        && SecretNames.isSecret(name, false);
  }

  /**
   * {@code PASSWORD = x}: the word before the operator {@code w} (only spaces between) is a
   * secret's name, not a flag's and not {@code auth}, whose colon starts prose ("bad auth :
   * failed").
   */
  private boolean isSecretAssignment(String w, int previousStart, int previousEnd, int start) {
    if (previousStart < 0 || !Lexer.onlySpacesAndQuotes(in, previousEnd, start, false)) {
      return false;
    }
    String name = in.substring(previousStart, previousEnd);
    return name.charAt(0) != '-'
        && !name.equalsIgnoreCase("auth")
        && SecretNames.isSecret(name, w.charAt(0) == '=');
  }

  private static boolean isAssignmentOperator(String w) {
    return w.equals(":") || w.equals("=") || w.equals(":=") || w.equals("=>");
  }
}
