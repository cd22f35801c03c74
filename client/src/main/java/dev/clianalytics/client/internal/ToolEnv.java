package dev.clianalytics.client.internal;

import java.util.List;
import java.util.Map;

/**
 * The environment as one tool sees it: each shared {@code EVENTS_*} variable has a per-tool twin
 * named after the tool ({@code EVENTS_URL} and {@code MYTOOL_TELEMETRY_URL}), and the twin wins
 * when it is set and not blank. How a tool name becomes the prefix is in docs/client.md.
 */
final class ToolEnv {
  static final String ENABLED = "EVENTS_ENABLED";
  static final String URL = "EVENTS_URL";
  static final String TOKEN = "EVENTS_TOKEN";
  static final String DEBUG = "EVENTS_DEBUG";
  static final String FLUSH_TIMEOUT_MS = "EVENTS_FLUSH_TIMEOUT_MS";
  static final String DO_NOT_TRACK = "DO_NOT_TRACK";

  /**
   * Every variable above, the shared names whose per-tool twins {@link #toolName} gives (all but
   * {@code DO_NOT_TRACK}, which has none); docs/configuration.md is checked against it.
   */
  static final List<String> ALL =
      List.of(DO_NOT_TRACK, ENABLED, URL, TOKEN, DEBUG, FLUSH_TIMEOUT_MS);

  private final Map<String, String> env;
  private final String prefix;

  ToolEnv(Map<String, String> env, String toolName) {
    this.env = env;
    this.prefix = prefix(toolName);
  }

  /**
   * {@code MYTOOL} for {@code mytool}: ASCII letters upper-cased, digits kept, every other
   * character {@code _}, and a {@code _} in front of a leading digit, since shells do not allow
   * variable names that start with one ({@code my-tool} → {@code MY_TOOL}, {@code 7zip} → {@code
   * _7ZIP}).
   */
  static String prefix(String toolName) {
    String name = toolName == null ? "" : toolName.trim();
    StringBuilder p = new StringBuilder(name.length() + 1);
    if (name.isEmpty() || (name.charAt(0) >= '0' && name.charAt(0) <= '9')) {
      p.append('_');
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c >= 'a' && c <= 'z') {
        p.append((char) (c - 'a' + 'A'));
      } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
        p.append(c);
      } else {
        p.append('_');
      }
    }
    return p.toString();
  }

  /** The per-tool name of a shared variable: {@code EVENTS_URL} → {@code MYTOOL_TELEMETRY_URL}. */
  String toolName(String shared) {
    if (shared.equals(ENABLED)) {
      return prefix + "_TELEMETRY";
    }
    return prefix + "_TELEMETRY_" + shared.substring("EVENTS_".length());
  }

  /** The per-tool value when set and not blank, else the shared one (which may be null). */
  String get(String shared) {
    String own = env.get(toolName(shared));
    return own == null || own.isBlank() ? env.get(shared) : own;
  }

  /** Which of the two names {@link #get} read, for messages that name the variable. */
  String nameOf(String shared) {
    String own = env.get(toolName(shared));
    return own == null || own.isBlank() ? shared : toolName(shared);
  }

  /** A variable that has no per-tool twin, such as {@code DO_NOT_TRACK} or {@code XDG_*}. */
  String shared(String name) {
    return env.get(name);
  }

  Map<String, String> raw() {
    return env;
  }
}
