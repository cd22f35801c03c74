package dev.clianalytics.server.scenario;

import dev.clianalytics.server.testing.TestPostgres;

/** The scenarios on PostgreSQL ({@code TEST_DATABASE_URL}), a new schema per test. */
class PostgresScenarioTest extends ServerFixture implements AllScenarios {
  private TestPostgres pg;

  @Override
  protected String newDatabaseUrl() {
    pg = TestPostgres.create(PostgresScenarioTest.class);
    return pg.databaseUrl();
  }

  @Override
  protected void dropDatabase() {
    if (pg != null) {
      pg.close();
      pg = null;
    }
  }
}
