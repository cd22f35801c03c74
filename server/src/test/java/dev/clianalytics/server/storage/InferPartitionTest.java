package dev.clianalytics.server.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InferPartitionTest {
  @Test
  void share_selectsTheActorsWhoseHashLeavesItsIndex_theHashTheClusterShardsBy() {
    assertEquals("cityHash64(actor_id) % 2 = 1", InferPartition.parse("1/2").clickHouseCondition());
    assertEquals("cityHash64(actor_id) % 3 = 0", new InferPartition(0, 3).clickHouseCondition());
    assertEquals("1", InferPartition.ALL.clickHouseCondition());
    assertEquals("1", InferPartition.parse("0/1").clickHouseCondition());
    assertTrue(InferPartition.parse("0/1").all());
    assertEquals("1/2", InferPartition.parse(" 1 / 2 ").toString());
  }

  @Test
  void share_outOfRange_isRefused() {
    for (String bad : new String[] {"2/2", "-1/2", "0/0", "0/1025", "1", "1/2/3", "a/b", ""}) {
      assertThrows(IllegalArgumentException.class, () -> InferPartition.parse(bad), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> new InferPartition(3, 3));
    assertEquals(new InferPartition(1023, 1024), InferPartition.parse("1023/1024"));
  }
}
