package dev.clianalytics.server.storage.jdbc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clianalytics.server.storage.StorageContractTest;
import org.junit.jupiter.api.Test;

/**
 * The storage contract plus what every JDBC backend shares: one schema whose tables that can hold
 * an actor's data are the ones {@link ActorTables} lists.
 */
public abstract class JdbcStorageContractTest extends StorageContractTest {

  @Test
  void actorTables_listEveryTableOfTheSchemaThatCanHoldAnActor() {
    java.util.Set<String> inSchema =
        storage.inference().read(ActorTablesCheck::tablesWithActorData);

    java.util.Set<String> listed =
        ActorTables.ALL.stream()
            .map(ActorTables.Table::name)
            .collect(java.util.stream.Collectors.toSet());

    for (String table : inSchema) {
      assertTrue(listed.contains(table), table + " can hold actor data but is not in ActorTables");
    }
    for (ActorTables.Table t : ActorTables.ALL) {
      assertTrue(
          inSchema.contains(t.name()) || t.erasure() == ActorTables.Erasure.TRANSIENT,
          t.name() + " is listed in ActorTables but has no actor column in the schema");
    }
  }
}
