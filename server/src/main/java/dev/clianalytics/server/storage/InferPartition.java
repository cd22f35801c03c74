package dev.clianalytics.server.storage;

/**
 * The share of the actors one instance infers, {@code INFER_PARTITION=index/count}
 * (docs/scaling-out.md, "Several instances inferring"): the actors whose {@code
 * cityHash64(actor_id) % count} is {@code index}, the same hash a cluster shards its tables by.
 *
 * @param index 0 to {@code count - 1}
 * @param count how many shares the actors are split into, 1 to {@link #MAX_COUNT}
 */
public record InferPartition(int index, int count) {
  /** Every actor: what an instance without {@code INFER_PARTITION} infers. */
  public static final InferPartition ALL = new InferPartition(0, 1);

  /** The most shares accepted; far more instances than any deployment runs. */
  public static final int MAX_COUNT = 1024;

  /** Checks the bounds. */
  public InferPartition {
    if (count < 1 || count > MAX_COUNT || index < 0 || index >= count) {
      throw new IllegalArgumentException(
          "a share must be i/n with n from 1 to " + MAX_COUNT + " and i from 0 to n-1");
    }
  }

  /**
   * Parses {@code i/n}, with 0 &lt;= i &lt; n.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static InferPartition parse(String value) {
    String[] parts = value.strip().split("/", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException("must be i/n, such as 0/2 or 1/2");
    }
    int i;
    int n;
    try {
      i = Integer.parseInt(parts[0].strip());
      n = Integer.parseInt(parts[1].strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("must be i/n with whole numbers, such as 0/2 or 1/2");
    }
    if (n < 1 || n > MAX_COUNT) {
      throw new IllegalArgumentException("must be i/n with n from 1 to " + MAX_COUNT);
    }
    if (i < 0 || i >= n) {
      throw new IllegalArgumentException(
          "must be i/n with i from 0 to n-1 (shares are numbered from 0), such as 0/2 or 1/2");
    }
    return new InferPartition(i, n);
  }

  /** Whether this share is every actor. */
  public boolean all() {
    return count == 1;
  }

  /**
   * The ClickHouse condition on {@code actor_id} selecting this share's actors; {@code 1} for every
   * actor.
   */
  public String clickHouseCondition() {
    return all() ? "1" : "cityHash64(actor_id) % " + count + " = " + index;
  }

  @Override
  public String toString() {
    return index + "/" + count;
  }
}
