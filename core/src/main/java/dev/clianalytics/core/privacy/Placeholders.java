package dev.clianalytics.core.privacy;

import java.util.List;

/** The markers that replace redacted values in {@code error_message} and {@code error_type}. */
public final class Placeholders {
  /** A file path: Unix, home ({@code ~}), Windows, UNC or {@code file://}. */
  public static final String PATH = "<path>";

  /** An email address, or {@code user@host}. */
  public static final String EMAIL = "<email>";

  /** A URL with user info, a query string or a secret in it, or a connection string. */
  public static final String URL = "<url>";

  /** An IPv4 or IPv6 address (or a MAC address). */
  public static final String IP = "<ip>";

  /** A credential, a secret-looking value, a UUID or a long high-entropy string. */
  public static final String SECRET = "<secret>";

  /** Every placeholder. */
  public static final List<String> ALL = List.of(PATH, EMAIL, URL, IP, SECRET);

  private Placeholders() {}
}
