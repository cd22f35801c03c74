package dev.clianalytics.core.privacy;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators for secrets of every supported kind, each with the part that must not survive. */
final class SecretArbitraries {
  private SecretArbitraries() {}

  /** A secret as it appears in text, and the substring that must never be sent. */
  record Secret(String kind, String text, String sensitive) {
    @Override
    public String toString() {
      return kind + ": " + text;
    }
  }

  static final String BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  static Arbitrary<String> chars(String alphabet, int min, int max) {
    return Arbitraries.strings()
        .withChars(alphabet.toCharArray())
        .ofMinLength(min)
        .ofMaxLength(max);
  }

  static Arbitrary<Secret> any() {
    return Arbitraries.oneOf(
        providerTokens(),
        awsKeyIds(),
        highEntropy(),
        jwts(),
        pemBlocks(),
        emails(),
        paths(),
        ipv4(),
        ipv6(),
        urlsWithCredentials(),
        connectionStrings(),
        assignments(),
        authHeaders());
  }

  static Arbitrary<Secret> providerTokens() {
    Arbitrary<String> prefix =
        Arbitraries.of(
            "ghp_",
            "gho_",
            "ghu_",
            "ghs_",
            "ghr_",
            "github_pat_",
            "glpat-",
            "xoxb-",
            "xoxp-",
            "xapp-",
            "sk_live_",
            "pk_live_",
            "rk_live_",
            "sk_test_",
            "AIza",
            "npm_",
            "pypi-AgEIcHlwaS5vcmc",
            "sk-",
            "sk-proj-",
            "sk-ant-api03-",
            "hf_",
            "dop_v1_");
    return Combinators.combine(prefix, chars(BASE62, 24, 48))
        .as((p, tail) -> new Secret("token", p + tail, tail));
  }

  static Arbitrary<Secret> awsKeyIds() {
    return Combinators.combine(
            Arbitraries.of("AKIA", "ASIA"), chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, 16))
        .as((p, tail) -> new Secret("aws-key-id", p + tail, p + tail));
  }

  /**
   * Every class the redaction must catch without exception: {@link #any()} with the unstructured
   * high-entropy strings narrowed to hex ones (a rare base62 string reads like a camelCase word).
   */
  static Arbitrary<Secret> neverSurviving() {
    return Arbitraries.oneOf(
        providerTokens(),
        awsKeyIds(),
        chars("0123456789abcdef", 32, 64)
            .filter(
                s ->
                    s.chars().anyMatch(Character::isDigit)
                        && s.chars().anyMatch(Character::isLetter)
                        && shannonBitsPerChar(s) >= 3.5)
            .map(s -> new Secret("hex", s, s)),
        jwts(),
        pemBlocks(),
        emails(),
        paths(),
        ipv4(),
        ipv6(),
        urlsWithCredentials(),
        connectionStrings(),
        assignments(),
        authHeaders());
  }

  static Arbitrary<Secret> highEntropy() {
    return Arbitraries.oneOf(
            chars("0123456789abcdef", 32, 64),
            chars(BASE62 + "+/", 40, 64),
            chars(BASE62, 24, 64),
            chars(BASE62 + "-_", 32, 64))
        .filter(
            s -> s.chars().anyMatch(Character::isDigit) && s.chars().anyMatch(Character::isLetter))
        .filter(s -> shannonBitsPerChar(s) >= 3.5)
        .map(s -> new Secret("entropy", s, s));
  }

  /** Shannon entropy of the character distribution: about 5.5 for random base62 of length 64. */
  static double shannonBitsPerChar(String s) {
    java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
    s.chars().forEach(c -> counts.merge(c, 1, Integer::sum));
    double bits = 0;
    for (int count : counts.values()) {
      double p = (double) count / s.length();
      bits -= p * Math.log(p) / Math.log(2);
    }
    return bits;
  }

  static Arbitrary<Secret> jwts() {
    return Combinators.combine(
            chars(BASE62, 20, 40), chars(BASE62 + "-_", 20, 80), chars(BASE62 + "-_", 43, 43))
        .as((h, p, sig) -> new Secret("jwt", "eyJ" + h + ".eyJ" + p + "." + sig, "eyJ" + p));
  }

  static Arbitrary<Secret> pemBlocks() {
    return Combinators.combine(
            Arbitraries.of(
                "RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY"),
            chars(BASE62 + "+/", 64, 64).list().ofMinSize(1).ofMaxSize(4),
            Arbitraries.of("\n", " "))
        .as(
            (kind, lines, sep) ->
                new Secret(
                    "pem",
                    "-----BEGIN "
                        + kind
                        + "-----"
                        + sep
                        + String.join(sep, lines)
                        + sep
                        + "-----END "
                        + kind
                        + "-----",
                    lines.get(0)));
  }

  static Arbitrary<Secret> emails() {
    return Combinators.combine(
            chars("abcdefghijklmnopqrstuvwxyz", 3, 10),
            Arbitraries.of("", ".", "_", "+"),
            chars("abcdefghijklmnopqrstuvwxyz0123456789", 1, 6),
            chars("abcdefghijklmnopqrstuvwxyz", 3, 10),
            Arbitraries.of("com", "io", "org", "co.uk", "dev", "net"))
        .as(
            (a, sep, b, domain, tld) -> {
              String email = a + sep + b + "@" + domain + "." + tld;
              return new Secret("email", email, email);
            });
  }

  static Arbitrary<Secret> paths() {
    Arbitrary<List<String>> segments =
        chars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789_-", 3, 12)
            .list()
            .ofMinSize(2)
            .ofMaxSize(5);
    Arbitrary<String> ext = Arbitraries.of("", ".txt", ".json", ".env", ".pem", ".yml", ".log");
    Arbitrary<String> root =
        Arbitraries.of(
            "/home/",
            "/Users/",
            "/var/lib/",
            "~/",
            "C:\\Users\\",
            "\\\\fs01\\",
            "file:///home/",
            "./",
            "../");
    return Combinators.combine(root, segments, ext)
        .as(
            (r, segs, e) -> {
              String sep = r.contains("\\") ? "\\" : "/";
              String path = r + String.join(sep, segs) + e;
              return new Secret("path", path, path);
            });
  }

  static Arbitrary<Secret> ipv4() {
    Arbitrary<Integer> octet = Arbitraries.integers().between(0, 255);
    return Combinators.combine(
            Arbitraries.of(10, 172, 192, 34, 52, 81, 203),
            octet,
            octet,
            octet,
            Arbitraries.of("", ":22", ":5432", ":8443", "/24"))
        .as(
            (a, b, c, d, suffix) -> {
              String ip = a + "." + b + "." + c + "." + d;
              return new Secret("ipv4", ip + suffix, ip);
            });
  }

  static Arbitrary<Secret> ipv6() {
    Arbitrary<String> group = chars("0123456789abcdef", 1, 4);
    return Combinators.combine(group.list().ofSize(8), group, group, Arbitraries.of(0, 1, 2))
        .as(
            (groups, g1, g2, form) ->
                switch (form) {
                  case 0 -> {
                    String ip = String.join(":", groups);
                    yield new Secret("ipv6", ip, ip);
                  }
                  case 1 -> {
                    String ip = "2001:db8:" + g1 + "::" + g2;
                    yield new Secret("ipv6", ip, ip);
                  }
                  default -> {
                    String ip = "fd00:" + g1 + "::" + g2 + ":1";
                    yield new Secret("ipv6", "[" + ip + "]:443", ip);
                  }
                });
  }

  static Arbitrary<Secret> urlsWithCredentials() {
    Arbitrary<String> user = chars("abcdefghijklmnopqrstuvwxyz", 3, 8);
    Arbitrary<String> secret = chars(BASE62, 8, 24);
    return Combinators.combine(
            Arbitraries.of("https", "http", "ftp", "sftp"), user, secret, Arbitraries.of(0, 1))
        .as(
            (scheme, u, s, form) ->
                form == 0
                    ? new Secret(
                        "url-userinfo",
                        scheme + "://" + u + ":" + s + "@git.acme.io/team/app.git",
                        s)
                    : new Secret(
                        "url-query",
                        "https://api.acme.io/v1/items?" + u + "=1&access_token=" + s,
                        s));
  }

  static Arbitrary<Secret> connectionStrings() {
    return Combinators.combine(
            Arbitraries.of(
                "postgres",
                "postgresql",
                "mysql",
                "mongodb+srv",
                "redis",
                "amqp",
                "jdbc:postgresql"),
            chars("abcdefghijklmnopqrstuvwxyz", 3, 8),
            chars(BASE62, 8, 20),
            chars("abcdefghijklmnopqrstuvwxyz", 3, 10))
        .as(
            (scheme, user, pw, host) ->
                new Secret(
                    "conn",
                    scheme + "://" + user + ":" + pw + "@" + host + ".internal:5432/app",
                    pw));
  }

  static Arbitrary<Secret> assignments() {
    Arbitrary<String> name =
        Arbitraries.of(
            "PASSWORD",
            "password",
            "DB_PASSWORD",
            "PGPASSWORD",
            "api_key",
            "API_KEY",
            "apiKey",
            "secret",
            "CLIENT_SECRET",
            "token",
            "GITHUB_TOKEN",
            "access_token",
            "auth_token",
            "private_key",
            "passphrase",
            "SESSION_ID",
            "x-api-key",
            "--password",
            "--token",
            "--api-key",
            "--client-secret");
    Arbitrary<String> value = chars(BASE62 + "!#%*", 8, 20).filter(v -> !v.startsWith("-"));
    Arbitrary<String> form =
        Arbitraries.of("%s=%s", "%s: %s", "\"%s\": \"%s\"", "%s='%s'", "%s = %s");
    return Combinators.combine(name, value, form)
        .as(
            (n, v, f) -> {
              if (n.startsWith("--")) {
                f = f.startsWith("%s=") ? "%s=%s" : "%s %s";
              }
              return new Secret("assignment", String.format(f, n, v), v);
            });
  }

  static Arbitrary<Secret> authHeaders() {
    return Combinators.combine(
            Arbitraries.of(
                "Authorization: Bearer ",
                "Bearer ",
                "Authorization: Basic ",
                "Authorization: token "),
            chars(BASE62 + "=", 16, 40).filter(s -> s.chars().anyMatch(Character::isDigit)))
        .as((h, v) -> new Secret("auth-header", h + v, v));
  }
}
