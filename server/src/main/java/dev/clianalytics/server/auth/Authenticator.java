package dev.clianalytics.server.auth;

import dev.clianalytics.server.config.ServerConfig;
import dev.clianalytics.server.http.ApiProblem;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks tokens as docs/server.md says: {@code Authorization: Bearer} or {@code apikey} headers,
 * the admin token may also ingest and read; embedded mode with no tokens is open; otherwise reads
 * and admin always need a token and ingest does unless {@code ALLOW_ANONYMOUS_INGEST=true}. A
 * missing or unknown token is 401; a known token of the wrong kind is 403.
 */
public final class Authenticator {
  private final boolean open;
  private final boolean anonymousIngest;
  private final TokenSet ingest;
  private final TokenSet read;
  private final TokenSet admin;

  public Authenticator(ServerConfig config) {
    this.open = config.embedded() && config.noTokens();
    this.anonymousIngest = config.allowAnonymousIngest();
    this.ingest = new TokenSet(config.ingestTokens());
    this.read = new TokenSet(config.readTokens());
    this.admin = new TokenSet(config.adminTokens());
  }

  /** True when every endpoint is open (embedded database, no tokens configured). */
  public boolean open() {
    return open;
  }

  /** Wraps {@code handler} so it runs only for requests allowed {@code access}. */
  public Handler require(Access access, Handler handler) {
    return ctx -> {
      check(ctx, access);
      handler.handle(ctx);
    };
  }

  /** Throws a 401 or 403 problem unless the request may have {@code access}. */
  public void check(Context ctx, Access access) {
    check(ctx, access, null);
  }

  /**
   * As {@link #check(Context, Access)}, also accepting {@code bodyToken} (may be null): the token a
   * PostHog client sends as {@code api_key} or {@code token} in the body.
   */
  public void check(Context ctx, Access access, String bodyToken) {
    if (open || (access == Access.INGEST && anonymousIngest)) {
      return;
    }
    List<byte[]> presented = presented(ctx);
    if (bodyToken != null && !bodyToken.isBlank()) {
      presented.add(TokenSet.digest(bodyToken.strip()));
    }
    if (presented.isEmpty()) {
      throw ApiProblem.unauthorized(
          "this endpoint needs a token: send Authorization: Bearer TOKEN or an apikey header");
    }
    Set<Access> granted = EnumSet.noneOf(Access.class);
    for (byte[] digest : presented) {
      granted.addAll(grants(digest));
    }
    if (granted.isEmpty()) {
      throw ApiProblem.unauthorized("the token is not recognized; check the token you sent");
    }
    if (!granted.contains(access)) {
      throw ApiProblem.forbidden(
          "the token does not allow " + access.name().toLowerCase(Locale.ROOT));
    }
  }

  /**
   * The SHA-256 digest of the configured token this request presents (Bearer first, then {@code
   * apikey}), or null when it presents none or only unknown ones. The rate limiter keys on it, so
   * it never holds a raw token.
   */
  public byte[] recognizedToken(Context ctx) {
    for (byte[] digest : presented(ctx)) {
      // non-short-circuit: every configured token is compared, whichever kind matches
      if (admin.matches(digest) | ingest.matches(digest) | read.matches(digest)) {
        return digest;
      }
    }
    return null;
  }

  /**
   * True when the configured token with this digest may only ingest: such tokens ship inside every
   * installed tool, so they identify no client (the rate limiter counts them per address).
   */
  public boolean ingestOnly(byte[] digest) {
    Set<Access> granted = grants(digest);
    return granted.contains(Access.INGEST) && granted.size() == 1;
  }

  private Set<Access> grants(byte[] digest) {
    Set<Access> granted = EnumSet.noneOf(Access.class);
    if (admin.matches(digest)) {
      granted.addAll(EnumSet.allOf(Access.class));
    }
    if (ingest.matches(digest)) {
      granted.add(Access.INGEST);
    }
    if (read.matches(digest)) {
      granted.add(Access.READ);
    }
    return granted;
  }

  private static List<byte[]> presented(Context ctx) {
    List<byte[]> tokens = new ArrayList<>(2);
    String authorization = ctx.header("Authorization");
    if (authorization != null) {
      String a = authorization.strip();
      if (a.regionMatches(true, 0, "Bearer ", 0, 7) && a.length() > 7) {
        tokens.add(TokenSet.digest(a.substring(7).strip()));
      }
    }
    String apikey = ctx.header("apikey");
    if (apikey != null && !apikey.isBlank()) {
      tokens.add(TokenSet.digest(apikey.strip()));
    }
    return tokens;
  }
}
