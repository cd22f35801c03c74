package dev.clianalytics.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RandomIdsTest {
  @Test
  void uuid_isAVersion4VariantOneUuidAndNeverRepeats() {
    Set<UUID> seen = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      UUID id = RandomIds.uuid();
      assertEquals(4, id.version());
      assertEquals(2, id.variant());
      assertTrue(seen.add(id), "repeated " + id);
    }
  }

  @Test
  void hex_isTwoLowercaseHexCharactersPerByte() {
    assertTrue(RandomIds.hex(32).matches("[0-9a-f]{64}"));
  }
}
