package dev.clianalytics.client.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The plain-Java SHA-256 and HMAC give exactly what the JDK's give. */
class Sha256Test {
  @Test
  void digest_ofTheFipsExample_isTheKnownValue() {
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        HexFormat.of().formatHex(Sha256.digest("abc".getBytes(StandardCharsets.US_ASCII))));
  }

  @Property(tries = 300)
  void digest_equalsTheJdks(@ForAll @Size(max = 300) byte[] data) throws Exception {
    assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), Sha256.digest(data));
  }

  @Property(tries = 300)
  void hmac_equalsTheJdks(
      @ForAll @Size(min = 1, max = 200) byte[] key, @ForAll @Size(max = 200) byte[] message)
      throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    assertArrayEquals(mac.doFinal(message), Sha256.hmac(key, message));
  }
}
