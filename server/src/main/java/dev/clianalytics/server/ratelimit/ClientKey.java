package dev.clianalytics.server.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Whom a bucket belongs to: 128 bits of a SHA-256 over a per-process random salt and the client's
 * token digest or address, so the limiter's memory holds no raw token and no address (an unsalted
 * hash of an IPv4 address is reversed by trying all 2^32).
 */
record ClientKey(long high, long low) {
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  /** Makes keys under one random salt; keys from different factories never match. */
  static final class Factory {
    private final byte[] salt = new byte[16];

    Factory() {
      new SecureRandom().nextBytes(salt);
    }

    /** The key of a configured token, from its SHA-256 digest. */
    ClientKey token(byte[] tokenDigest) {
      return of((byte) 't', tokenDigest);
    }

    /** The key of a shared token used from one client address (network as for addresses). */
    ClientKey tokenAt(byte[] tokenDigest, String remoteAddress) {
      byte[] network = network(remoteAddress);
      byte[] both = Arrays.copyOf(tokenDigest, tokenDigest.length + network.length);
      System.arraycopy(network, 0, both, tokenDigest.length, network.length);
      return of((byte) 's', both);
    }

    /**
     * The key of a client address. IPv6 clients are keyed by their /64 network: one host usually
     * owns a whole /64, so per-address limits on full IPv6 addresses would be trivial to evade.
     */
    ClientKey address(String remoteAddress) {
      return of((byte) 'a', network(remoteAddress));
    }

    private ClientKey of(byte kind, byte[] value) {
      MessageDigest sha = sha256();
      sha.update(salt);
      sha.update(kind);
      sha.update(value);
      ByteBuffer hash = ByteBuffer.wrap(sha.digest());
      return new ClientKey(hash.getLong(), hash.getLong());
    }
  }

  static byte[] network(String remoteAddress) {
    String a = remoteAddress == null ? "" : remoteAddress.strip();
    if (a.startsWith("[") && a.endsWith("]")) {
      a = a.substring(1, a.length() - 1);
    }
    // only a literal may go to InetAddress: a host name would start a DNS lookup
    if (IP_LITERAL.matcher(a).matches()) {
      try {
        byte[] bytes = InetAddress.getByName(a).getAddress();
        return bytes.length == 16 ? Arrays.copyOf(bytes, 8) : bytes;
      } catch (UnknownHostException e) {
        // not a valid literal after all: key on the text itself
      }
    }
    return a.getBytes(StandardCharsets.UTF_8);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JDK", e);
    }
  }
}
