package dev.clianalytics.server.storage.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.data_formats.ClickHouseBinaryFormatReader;
import com.clickhouse.client.api.data_formats.RowBinaryFormatWriter;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.metadata.TableSchema;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseColumn;
import com.clickhouse.data.ClickHouseFormat;
import dev.clianalytics.server.storage.StorageUnavailableException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Statements over the official Java client ({@code client-v2}) in formats every ClickHouse since
 * 18.16 speaks: results are read as {@code RowBinary} with the column types given here (18.16 has
 * no {@code RowBinaryWithNamesAndTypes}, which the client's own record readers need) or as {@code
 * TabSeparated} for one number, and rows are written as {@code RowBinary}. The format goes into the
 * SQL text, since 18.16 ignores the format the client asks for out of band, and responses are not
 * compressed, since the client cannot read 18.16's compressed ones; the database also goes into the
 * URL, where 18.16 looks for it. Failures become {@link StorageUnavailableException} naming the
 * server (never the password).
 */
final class ClickHouseSql implements AutoCloseable {
  private static final long TIMEOUT_SECONDS = 300;
  private static final ClickHouseFormat ROW_BINARY = ClickHouseFormat.RowBinary;

  private final Client client;
  private final String where;
  private final Topology topology;

  ClickHouseSql(ClickHouseUrl url, Topology topology) {
    this.where = "ClickHouse at " + url.host() + ":" + url.port() + "/" + url.database();
    this.topology = topology;
    Client.Builder builder =
        new Client.Builder()
            .addEndpoint(url.endpoint())
            .setUsername(url.user())
            .setPassword(url.password())
            .setDefaultDatabase(url.database())
            // 18.16 ignores the X-ClickHouse-Database header the client sends; it reads this
            .serverSetting("database", url.database())
            .compressServerResponse(false)
            .setConnectTimeout(5, ChronoUnit.SECONDS)
            .setMaxRetries(0);
    if (topology.clustered()) {
      builder
          // an insert returns once the shard has the rows, not when they are queued for it
          .serverSetting("insert_distributed_sync", "1")
          // an IN subquery over a Distributed table runs once over all shards and its result
          // goes to each shard (GLOBAL IN): the rows it looks up (committed generations, first
          // copies of an id) need not live on the shard of the rows it filters
          .serverSetting("distributed_product_mode", "global");
    }
    this.client = builder.build();
  }

  /** Where the tables live. */
  Topology topology() {
    return topology;
  }

  /** A column list for {@link #schema}: {@code name Type, name Type, ...}. */
  static TableSchema schema(String columns) {
    List<ClickHouseColumn> out = new ArrayList<>();
    for (String column : columns.split(",(?![^(]*\\))")) {
      String c = column.strip();
      int space = c.indexOf(' ');
      out.add(ClickHouseColumn.of(c.substring(0, space), c.substring(space + 1).strip()));
    }
    return new TableSchema(out);
  }

  /**
   * A string literal. 18.16 has no query parameters over HTTP, so values are quoted here, escaping
   * backslash and quote, the only characters a ClickHouse string literal treats specially; report
   * filters from requests go through here too (see {@link ClickHouseReads}).
   */
  static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('\'');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' || c == '\'') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append('\'').toString();
  }

  /** Runs a statement that returns no rows (DDL, {@code ALTER}). */
  void execute(String sql) {
    release(await(() -> client.execute(sql)));
  }

  /** The first column of the first row of {@code sql}, a number (0 when there is no row). */
  long queryLong(String sql) {
    QueryResponse r = select(sql, ClickHouseFormat.TabSeparated);
    String body;
    try {
      body = new String(r.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException | RuntimeException e) {
      throw failed(e);
    } finally {
      release(r);
    }
    if (body.isEmpty() || body.equals("\\N")) {
      return 0;
    }
    int end = body.indexOf('\n');
    String first = end < 0 ? body : body.substring(0, end);
    int tab = first.indexOf('\t');
    return Long.parseLong(tab < 0 ? first : first.substring(0, tab));
  }

  /**
   * The rows of {@code sql} as {@code TabSeparatedWithNames}, unescaped: the column names first,
   * then one array per row, SQL NULL as null. For results read whole, such as reports.
   */
  List<String[]> queryText(String sql) {
    QueryResponse r = select(sql, ClickHouseFormat.TabSeparatedWithNames);
    String body;
    try {
      body = new String(r.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw failed(e);
    } finally {
      release(r);
    }
    return TabSeparated.parse(body);
  }

  /**
   * Inserts {@code body}, rows in the {@code RowBinary} format (see {@link RowBinaryBytes}), into
   * {@code columns} of {@code table}.
   */
  void insertRows(String table, List<String> columns, byte[] body) {
    release(
        await(
            () ->
                client.insert(
                    table,
                    columns,
                    out -> out.write(body),
                    ClickHouseFormat.RowBinary,
                    new InsertSettings())));
  }

  /** Reads one row at a time from the reader {@code sink} is given. */
  @FunctionalInterface
  interface RowSink {
    void accept(ClickHouseBinaryFormatReader row);
  }

  /**
   * Streams the rows of {@code sql} (whose select list must match {@code schema} exactly) to {@code
   * sink}; returns how many. An exception thrown by {@code sink} propagates unchanged.
   */
  long query(String sql, TableSchema schema, RowSink sink) {
    QueryResponse response = select(sql, ClickHouseFormat.RowBinary);
    long n = 0;
    try {
      ClickHouseBinaryFormatReader reader = client.newBinaryFormatReader(response, schema);
      while (next(reader)) {
        sink.accept(reader);
        n++;
      }
    } finally {
      release(response);
    }
    return n;
  }

  /** Reads one row's columns, in the select list's order, from {@code row}. */
  @FunctionalInterface
  interface RowDecoder {
    void decode(RowBinaryInput row) throws IOException;
  }

  /**
   * Streams the rows of {@code sql} to {@code decoder}, which must read exactly the select list's
   * columns with the methods of their types; returns how many rows. Faster than {@link #query}'s
   * generic reader, for the reads that carry every event. An exception thrown by {@code decoder}
   * other than an {@link IOException} propagates unchanged.
   */
  long rows(String sql, RowDecoder decoder) {
    return read(select(sql, ROW_BINARY), decoder);
  }

  /**
   * {@link #rows} of each statement in turn, as if their results were one: each statement is sent
   * before the rows of the one ahead of it are read, so the server sorts the next result while
   * {@code decoder} works through this one. On a failure the statement sent ahead is dropped.
   */
  long rowsInTurn(List<String> statements, RowDecoder decoder) {
    if (statements.isEmpty()) {
      return 0;
    }
    ExecutorService ahead =
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("clickhouse-read-ahead").factory());
    try {
      Future<QueryResponse> next = ahead.submit(() -> select(statements.getFirst(), ROW_BINARY));
      long n = 0;
      for (int i = 0; i < statements.size(); i++) {
        Future<QueryResponse> current = next;
        next = null;
        if (i + 1 < statements.size()) {
          String following = statements.get(i + 1);
          next = ahead.submit(() -> select(following, ROW_BINARY));
        }
        try {
          n += read(awaitSent(current), decoder);
        } catch (RuntimeException | Error e) {
          if (next != null) {
            Future<QueryResponse> unread = next;
            // after the statement sent ahead has its answer (the thread runs tasks in order)
            ahead.execute(() -> drop(unread));
          }
          throw e;
        }
      }
      return n;
    } finally {
      ahead.shutdown();
    }
  }

  private long read(QueryResponse response, RowDecoder decoder) {
    long n = 0;
    try {
      RowBinaryInput in = new RowBinaryInput(response.getInputStream());
      while (in.more()) {
        decoder.decode(in);
        n++;
      }
    } catch (IOException e) {
      throw failed(e);
    } finally {
      release(response);
    }
    return n;
  }

  /** The response of a statement sent by another thread, once the server has begun answering. */
  private QueryResponse awaitSent(Future<QueryResponse> sent) {
    try {
      return sent.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw failed(e.getCause() == null ? e : e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      sent.cancel(true);
      throw failed(e);
    }
  }

  /** Closes the answer of a statement sent ahead that will not be read. */
  private void drop(Future<QueryResponse> sent) {
    try {
      release(awaitSent(sent));
    } catch (RuntimeException ignored) {
      // the read already failed, and that first failure is the one reported
    }
  }

  private void release(AutoCloseable response) {
    try {
      response.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw failed(e);
    }
  }

  private boolean next(ClickHouseBinaryFormatReader reader) {
    try {
      return reader.next() != null;
    } catch (RuntimeException e) {
      throw failed(e);
    }
  }

  /** Writes one row of a {@code RowBinary} insert. */
  @FunctionalInterface
  interface RowWriter {
    void write(RowBinaryFormatWriter out) throws IOException;
  }

  /**
   * Inserts the rows {@code rows} writes into {@code table}, whose columns {@code schema} lists.
   */
  void insert(String table, TableSchema schema, RowWriter rows) {
    List<String> names = schema.getColumns().stream().map(ClickHouseColumn::getColumnName).toList();
    release(
        await(
            () ->
                client.insert(
                    table,
                    names,
                    out ->
                        rows.write(
                            new RowBinaryFormatWriter(out, schema, ClickHouseFormat.RowBinary)),
                    ClickHouseFormat.RowBinary,
                    new InsertSettings())));
  }

  boolean ping() {
    return client.ping();
  }

  /** Sends {@code sql} asking for {@code format} in the SQL text, where 18.16 looks for it. */
  private QueryResponse select(String sql, ClickHouseFormat format) {
    return await(
        () ->
            client.query(sql + " FORMAT " + format.name(), new QuerySettings().setFormat(format)));
  }

  /** Sends a request (which the client may also fail before returning) and waits for it. */
  private <T> T await(java.util.function.Supplier<CompletableFuture<T>> request) {
    CompletableFuture<T> future;
    try {
      future = request.get();
    } catch (RuntimeException e) {
      throw failed(e);
    }
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw failed(e.getCause() == null ? e : e.getCause());
    } catch (TimeoutException e) {
      future.cancel(true);
      throw failed(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed(e);
    } catch (RuntimeException e) {
      throw failed(e);
    }
  }

  /** The failure in one line: the client's message and, when it wraps one, the cause's. */
  StorageUnavailableException failed(Throwable e) {
    String message = firstLine(e.getMessage() == null ? e.toString() : e.getMessage());
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != e && root.getMessage() != null) {
      message += " (" + firstLine(root.getMessage()) + ")";
    }
    return new StorageUnavailableException(where + " failed: " + message, e);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }

  @Override
  public void close() {
    client.close();
  }
}
