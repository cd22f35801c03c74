package dev.clianalytics.server.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clianalytics.core.hotpath.HotPath;
import dev.clianalytics.server.storage.SqlReads;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which paths the hot-path ranking counts actors for, with the daily totals returned in an order
 * chosen by the test (a database returns groups in whatever order its hashing gives).
 */
class PathQueriesTest {
  private final List<List<?>> asked = new ArrayList<>();
  private final List<List<?>> occurrencesAsked = new ArrayList<>();

  @Test
  void tiedFailures_rankByActors_inEitherOrderOfTheTotals() throws SQLException {
    Map<String, Long> actors = Map.of("git push", 2L, "terraform apply", 3L);
    List<Object[]> gitFirst = List.of(total("git push", 3, 5), total("terraform apply", 3, 4));
    List<Object[]> terraformFirst = List.of(gitFirst.get(1), gitFirst.get(0));

    assertEquals(List.of("terraform apply!"), ranked(gitFirst, actors, 1, 1));
    assertEquals(List.of("terraform apply!"), ranked(terraformFirst, actors, 1, 1));
  }

  @Test
  void hiddenPaths_areReplacedByTheNextOnesByFailures() throws SQLException {
    List<Object[]> totals =
        List.of(total("terraform apply", 2, 2), total("npm test", 4, 4), total("git push", 3, 3));
    Map<String, Long> actors = Map.of("npm test", 1L, "git push", 2L, "terraform apply", 2L);

    assertEquals(List.of("git push!"), ranked(totals, actors, 2, 1));
    // one actor count per round: the most failures first, the next only once that one is hidden
    assertEquals(List.of(List.of("npm test"), List.of("git push")), asked);
  }

  @Test
  void actors_areCountedOnlyForPathsThatCanMakeTheList() throws SQLException {
    List<Object[]> totals =
        List.of(total("a", 1, 9), total("b", 5, 9), total("c", 5, 9), total("d", 7, 9));
    Map<String, Long> actors = Map.of("a", 1L, "b", 1L, "c", 2L, "d", 1L);

    assertEquals(List.of("d!", "c!"), ranked(totals, actors, 1, 2));
    // the second place ties b and c on failures: both are counted, a is not
    assertEquals(List.of(List.of("d", "b", "c")), asked);
    assertEquals(List.of(List.of("d", "b", "c")), occurrencesAsked);
  }

  @Test
  void occurrences_areReadForTheShownPathsAndGiveTheirFailureRate() throws SQLException {
    List<Object[]> totals = List.of(total("git push", 2, 8), total("npm test", 1, 4));
    Map<String, Long> actors = Map.of("git push", 1L, "npm test", 1L);

    List<HotPath> paths = PathQueries.hotPaths(reads(totals, actors), ReportFilter.NONE, 1, 1);

    assertEquals(List.of(new HotPath("git push!", 2, 1, 8, 0.25)), paths);
    assertEquals(List.of(List.of("git push")), occurrencesAsked);
  }

  @Test
  void noOccurrencesAreRead_whenEveryCandidateIsHidden() throws SQLException {
    List<Object[]> totals = List.<Object[]>of(total("git push", 2, 8));

    assertEquals(List.of(), ranked(totals, Map.of("git push", 1L), 2, 1));
    assertEquals(List.of(), occurrencesAsked);
  }

  private List<String> ranked(
      List<Object[]> totals, Map<String, Long> actors, int minActors, int limit)
      throws SQLException {
    return PathQueries.hotPaths(reads(totals, actors), ReportFilter.NONE, minActors, limit).stream()
        .map(HotPath::path)
        .toList();
  }

  private static Object[] total(String sequence, long failures, long occurrences) {
    return new Object[] {sequence, failures, occurrences};
  }

  /** Answers the totals statement with {@code totals} and the actors one for the paths asked. */
  private SqlReads reads(List<Object[]> totals, Map<String, Long> actors) {
    return new SqlReads() {
      @Override
      public <T> List<T> list(String sql, List<?> params, Mapper<T> mapper) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        if (sql.contains("sum(occurrences)")) {
          occurrencesAsked.add(List.copyOf(params));
          for (Object[] t : totals) {
            if (params.contains(t[0])) {
              rows.add(new Object[] {t[0], t[2]});
            }
          }
        } else if (sql.contains("FROM path_totals")) {
          totals.forEach(t -> rows.add(new Object[] {t[0], t[1]}));
        } else {
          asked.add(List.copyOf(params));
          params.forEach(p -> rows.add(new Object[] {p, actors.get(p)}));
        }
        List<T> out = new ArrayList<>();
        for (Object[] row : rows) {
          out.add(mapper.map(new ArrayRow(row)));
        }
        return out;
      }
    };
  }
}
