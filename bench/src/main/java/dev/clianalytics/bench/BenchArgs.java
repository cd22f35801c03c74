package dev.clianalytics.bench;

/**
 * Options of the whole-system benchmarks: {@code --database-url URL} (PostgreSQL or ClickHouse;
 * omit or {@code duckdb} for an embedded database in a temporary directory) and {@code --events N}.
 */
record BenchArgs(String databaseUrl, int events) {
  BenchArgs {
    if (events < 20_000 || events > 20_000_000) {
      throw new IllegalArgumentException("--events must be from 20000 to 20000000, was " + events);
    }
  }

  static BenchArgs parse(String[] args) {
    String url = null;
    int events = 500_000;
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].equals("--database-url") && !args[i].equals("--events")) {
        throw new IllegalArgumentException(
            "unknown option " + args[i] + "; use --database-url URL --events N");
      }
      if (i + 1 == args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value");
      }
      if (args[i].equals("--database-url")) {
        url = args[i + 1];
      } else {
        try {
          events = Integer.parseInt(args[i + 1].replace("_", ""));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("--events needs a whole number, was " + args[i + 1]);
        }
      }
    }
    return new BenchArgs(url == null || url.equals("duckdb") ? null : url, events);
  }
}
