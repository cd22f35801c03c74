package dev.clianalytics.server.auth;

/** What a request wants to do; each endpoint needs exactly one. */
public enum Access {
  /** Post events ({@code INGEST_TOKENS}, or the admin token). */
  INGEST,
  /** Read reports and stored rows ({@code READ_TOKENS}, or the admin token). */
  READ,
  /** Erase actors and other operator actions ({@code ADMIN_TOKEN}). */
  ADMIN
}
