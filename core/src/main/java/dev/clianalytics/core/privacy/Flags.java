package dev.clianalytics.core.privacy;

import dev.clianalytics.core.event.Limits;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The {@code flags_present} rule of docs/privacy.md: only flag names survive ({@code --out=/tmp/x}
 * gives {@code --out}), names of the wrong shape or with a blocklisted word are dropped, and the
 * rest is de-duplicated and sorted, at most {@link Limits#FLAGS}.
 */
final class Flags {
  private Flags() {}

  /** Up to this many flags are sorted by insertion, which loads no classes; more use a TreeSet. */
  static final int SMALL = 16;

  static List<String> sanitize(List<String> flags) {
    if (flags.isEmpty()) {
      return List.of();
    }
    boolean user = hasUserOption(flags);
    if (flags.size() <= SMALL) {
      return sortedSmall(flags, user);
    }
    TreeSet<String> names = new TreeSet<>();
    for (String raw : flags) {
      String name = name(raw, user);
      if (name != null) {
        names.add(name);
      }
    }
    List<String> out = new ArrayList<>(Math.min(names.size(), Limits.FLAGS));
    for (String name : names) {
      if (out.size() == Limits.FLAGS) {
        break;
      }
      out.add(name);
    }
    return out;
  }

  /**
   * What the TreeSet path gives for a few flags: distinct names in natural order. A command line
   * has a handful of flags, and a TreeSet's classes would be loaded for them on every run of a tool
   * that the client instruments.
   */
  private static List<String> sortedSmall(List<String> flags, boolean user) {
    List<String> out = new ArrayList<>(flags.size());
    for (String raw : flags) {
      String name = name(raw, user);
      if (name == null) {
        continue;
      }
      int at = out.size();
      while (at > 0 && out.get(at - 1).compareTo(name) > 0) {
        at--;
      }
      if (at == 0 || !out.get(at - 1).equals(name)) {
        out.add(at, name);
      }
    }
    return out;
  }

  /** A {@code -u} user option, glued ({@code -uroot}) or not: {@code -p} then means a password. */
  static boolean hasUserOption(List<String> flags) {
    for (String raw : flags) {
      if (raw != null && isUserOption(raw)) {
        return true;
      }
    }
    return false;
  }

  static boolean isUserOption(String w) {
    return w.length() >= 2
        && w.charAt(0) == '-'
        && w.charAt(1) == 'u'
        && (w.length() == 2 || Shapes.isAlnum(w.charAt(2)));
  }

  /**
   * Whether {@code -p} with {@code w[from..]} glued on carries a password: a capital, a digit or a
   * symbol in it ({@code -pSummerTime}), or any word after a {@code -u} user option ({@code mysql
   * -uroot -pletmein}). Single-dash options such as {@code -passout}, {@code -print} and {@code
   * -pthread} stay.
   */
  static boolean isGluedPassword(String w, int from, boolean afterUserOption) {
    if (w.length() <= from || w.charAt(0) != '-' || w.charAt(1) != 'p') {
      return false;
    }
    if (w.length() - from < 4 && Shapes.allDigits(w, from, w.length())) {
      return false; // patch -p1: a level, too short to be a password
    }
    if (afterUserOption) {
      return true;
    }
    for (int i = from; i < w.length(); i++) {
      char c = w.charAt(i);
      if (!(c >= 'a' && c <= 'z')) {
        return true;
      }
    }
    return false;
  }

  /** The name that may be sent for one raw flag, or null when it must be dropped. */
  static String name(String raw) {
    return name(raw, false);
  }

  static String name(String raw, boolean afterUserOption) {
    if (raw == null) {
      return null;
    }
    int eq = raw.indexOf('=');
    String name = eq >= 0 ? raw.substring(0, eq) : raw;
    if (!hasFlagShape(name) || SecretNames.isBlockedFlag(name)) {
      return null;
    }
    name =
        isGluedPassword(name, 2, afterUserOption) ? name.substring(0, 2) : withoutGluedValue(name);
    return looksLikeValue(name) ? null : Limits.truncate(name, Limits.FLAG);
  }

  /** {@code ^--?[A-Za-z0-9][A-Za-z0-9_-]{0,63}$}, checked by hand on the hot path. */
  static boolean hasFlagShape(String s) {
    if (s.length() < 2 || s.charAt(0) != '-') {
      return false;
    }
    int start = s.charAt(1) == '-' ? 2 : 1;
    int length = s.length() - start;
    if (length < 1 || length > 64 || !Shapes.isAlnum(s.charAt(start))) {
      return false;
    }
    for (int i = start + 1; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Shapes.isAlnum(c) || c == '_' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /**
   * A single-dash option with letters and digits after its letter carries a glued value: {@code
   * -pHunter2} (mysql), {@code -Xmx512m}, {@code -O2}. Only the option letter is a name.
   */
  private static String withoutGluedValue(String name) {
    if (name.length() > 2
        && name.charAt(1) != '-'
        && Shapes.isLetter(name.charAt(1))
        && Shapes.hasDigit(name, 2, name.length())) {
      return name.substring(0, 2);
    }
    return name;
  }

  /** A flag "name" that is really a value: hex, a UUID, a long digit run, random characters. */
  private static boolean looksLikeValue(String name) {
    int start = name.startsWith("--") ? 2 : 1;
    if (Shapes.looksRandom(name, start, name.length())
        || Shapes.isUuid(name, start, name.length())
        || TokenFormats.startsWithToken(name, start, name.length())) {
      return true;
    }
    return CommandPaths.hasValuePiece(name, start, name.length());
  }
}
