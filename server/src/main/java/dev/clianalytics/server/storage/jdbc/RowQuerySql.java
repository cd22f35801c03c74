package dev.clianalytics.server.storage.jdbc;

import dev.clianalytics.core.json.Json;
import dev.clianalytics.server.storage.RowQuery;
import dev.clianalytics.server.storage.RowQuery.All;
import dev.clianalytics.server.storage.RowQuery.Any;
import dev.clianalytics.server.storage.RowQuery.Field;
import dev.clianalytics.server.storage.RowQuery.Filter;
import dev.clianalytics.server.storage.RowQuery.Not;
import dev.clianalytics.server.storage.RowQuery.Op;
import dev.clianalytics.server.storage.RowQuery.Order;
import dev.clianalytics.server.storage.RowQuery.Test;
import dev.clianalytics.server.storage.Storage.Row;
import dev.clianalytics.server.storage.Storage.StoredEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns a {@link RowQuery} into SQL for any {@link SqlDialect}. The SQL text comes only from the
 * shape of the parsed tree (fields, operators, how many values); every key, operand and number is a
 * bound parameter. Events are read from their columns (the stored, sanitized event); documents from
 * their JSON payload.
 */
public final class RowQuerySql {
  private static final Set<String> TEXT_COLUMNS =
      Set.of(
          "tool_name",
          "tool_version",
          "error_type",
          "error_message",
          "actor_id",
          "machine_id",
          "session_hint",
          "os",
          "arch",
          "runtime");
  private static final Set<String> NUMBER_COLUMNS = Set.of("exit_code", "duration_ms");
  private static final Set<String> ARRAY_COLUMNS = Set.of("command_path", "flags_present");
  private static final String VISIBLE = "exit_code <> " + RowQuery.HIDDEN_EXIT_CODE;
  private static final String NULL_NUMBER = "CAST(NULL AS DOUBLE PRECISION)";

  private final Connection c;
  private final SqlDialect dialect;
  private final List<Object> params = new ArrayList<>();
  private boolean documents;

  private RowQuerySql(Connection c, SqlDialect dialect) {
    this.c = c;
    this.dialect = dialect;
  }

  /** One page of the query, with the number of matching rows when {@code count}. */
  public static RowQuery.Page run(Connection c, SqlDialect dialect, RowQuery q, boolean count)
      throws SQLException {
    List<Row> rows = q.limit() == 0 ? List.of() : page(c, dialect, q);
    Long total = count ? count(c, dialect, q) : null;
    return new RowQuery.Page(rows, total);
  }

  private static long count(Connection c, SqlDialect dialect, RowQuery q) throws SQLException {
    RowQuerySql sql = new RowQuerySql(c, dialect);
    String text =
        "SELECT (SELECT count(*) FROM events WHERE "
            + sql.where(q.filter())
            + ") + (SELECT count(*) FROM documents WHERE "
            + sql.documents().filter(q.filter())
            + ")";
    try (PreparedStatement s = sql.prepare(text);
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static List<Row> page(Connection c, SqlDialect dialect, RowQuery q) throws SQLException {
    return q.order().isEmpty() ? arrivalPage(c, dialect, q) : orderedPage(c, dialect, q);
  }

  /** Arrival order: events by seq, then documents by seq (two queries, both index-ordered). */
  private static List<Row> arrivalPage(Connection c, SqlDialect dialect, RowQuery q)
      throws SQLException {
    List<Row> rows = new ArrayList<>();
    RowQuerySql events = new RowQuerySql(c, dialect);
    String text =
        "SELECT "
            + EventRows.COLUMNS
            + " FROM events WHERE "
            + events.where(q.filter())
            + " ORDER BY seq LIMIT ? OFFSET ?";
    events.params.add(q.limit());
    events.params.add(q.offset());
    try (PreparedStatement s = events.prepare(text);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        StoredEvent e = EventRows.read(rs);
        rows.add(new Row(e.event().eventId(), e.event().toJson()));
      }
    }
    if (rows.size() == q.limit()) {
      return rows;
    }
    long eventCount;
    if (rows.isEmpty()) {
      RowQuerySql counter = new RowQuerySql(c, dialect);
      String countText = "SELECT count(*) FROM events WHERE " + counter.where(q.filter());
      try (PreparedStatement s = counter.prepare(countText);
          ResultSet rs = s.executeQuery()) {
        rs.next();
        eventCount = rs.getLong(1);
      }
    } else {
      eventCount = q.offset() + rows.size();
    }
    RowQuerySql docs = new RowQuerySql(c, dialect).documents();
    String docText =
        "SELECT id, CAST(payload AS "
            + docs.textType()
            + ") FROM documents WHERE "
            + docs.filter(q.filter())
            + " ORDER BY seq LIMIT ? OFFSET ?";
    docs.params.add(q.limit() - rows.size());
    docs.params.add(Math.max(0, q.offset() - eventCount));
    try (PreparedStatement s = docs.prepare(docText);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        rows.add(new Row(EventRows.uuid(rs.getObject(1)), payload(rs.getString(2))));
      }
    }
    return rows;
  }

  /**
   * An explicit order: events and documents each ordered and cut to {@code offset + limit} rows (so
   * each side can walk an index, such as the primary key for {@code order=id.desc}), then the two
   * merged, ordered and paged in one query.
   */
  private static List<Row> orderedPage(Connection c, SqlDialect dialect, RowQuery q)
      throws SQLException {
    RowQuerySql sql = new RowQuerySql(c, dialect);
    long enough = q.offset() + q.limit();
    StringBuilder text = new StringBuilder("SELECT * FROM ((SELECT ");
    text.append(EventRows.COLUMNS).append(", 0 AS k, ").append(sql.nullText()).append(" AS doc");
    sql.keys(q.order(), text);
    text.append(" FROM events WHERE ").append(sql.where(q.filter()));
    sql.orderBy(q.order(), false, text);
    text.append(" LIMIT ?)");
    sql.params.add(enough);
    sql.documents();
    text.append(" UNION ALL (SELECT seq, received_at, id");
    for (String type : sql.eventColumnTypes()) {
      text.append(", CAST(NULL AS ").append(type).append(')');
    }
    text.append(", 1, CAST(payload AS ").append(sql.textType()).append(')');
    sql.keys(q.order(), text);
    text.append(" FROM documents WHERE ").append(sql.filter(q.filter()));
    sql.orderBy(q.order(), false, text);
    text.append(" LIMIT ?)) u");
    sql.params.add(enough);
    sql.orderBy(q.order(), true, text);
    text.append(" LIMIT ? OFFSET ?");
    sql.params.add(q.limit());
    sql.params.add(q.offset());
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement s = sql.prepare(text.toString());
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        if (rs.getInt(20) == 0) {
          StoredEvent e = EventRows.read(rs);
          rows.add(new Row(e.event().eventId(), e.event().toJson()));
        } else {
          rows.add(new Row(EventRows.uuid(rs.getObject(3)), payload(rs.getString(21))));
        }
      }
    }
    return rows;
  }

  /**
   * {@code ORDER BY o0 [DESC] NULLS ..., ...} then arrival order: {@code k, seq} for the merged
   * rows, {@code seq} within one table (left out after {@code id}, which is unique there).
   */
  private void orderBy(List<Order> order, boolean merged, StringBuilder text) {
    text.append(" ORDER BY ");
    boolean unique = false;
    for (int i = 0; i < order.size(); i++) {
      Order o = order.get(i);
      text.append(i == 0 ? "" : ", ").append('o').append(i);
      text.append(o.desc() ? " DESC" : " ASC");
      text.append(o.nullsFirst() ? " NULLS FIRST" : " NULLS LAST");
      unique |= o.field().isId();
    }
    if (merged) {
      text.append(", k, seq");
    } else if (!unique) {
      text.append(", seq");
    }
  }

  private void keys(List<Order> order, StringBuilder text) {
    for (int i = 0; i < order.size(); i++) {
      Field f = order.get(i).field();
      // id orders as its uuid (the same order as its lowercase text), so an index can serve it
      String key =
          f.isId()
              ? (documents ? "id" : "event_id")
              : numericKey(f) ? number(f) : collated(text(f));
      text.append(", ").append(key).append(" AS o").append(i);
    }
  }

  private static boolean numericKey(Field f) {
    return RowQuery.isTimestamp(f) || (!f.text() && RowQuery.numericField(f));
  }

  /** The dialect's own text type (PostgreSQL's varchar is another type than its text). */
  private String textType() {
    return dialect.textType();
  }

  private String nullText() {
    return "CAST(NULL AS " + textType() + ")";
  }

  /** The types of the events' columns after seq, received_at and event_id, in COLUMNS order. */
  private List<String> eventColumnTypes() {
    String t = textType();
    return List.of(
        "TIMESTAMPTZ",
        t,
        t,
        t + "[]",
        t + "[]",
        "INTEGER",
        "BIGINT",
        t,
        t,
        t,
        t,
        t,
        "BOOLEAN",
        t,
        t,
        t);
  }

  private RowQuerySql documents() {
    documents = true;
    return this;
  }

  private String where(Filter f) {
    return VISIBLE + " AND " + filter(f);
  }

  private String filter(Filter f) {
    return switch (f) {
      case All all -> join(all.children(), " AND ", "TRUE");
      case Any any -> join(any.children(), " OR ", "FALSE");
      case Not not -> "NOT (" + filter(not.child()) + ")";
      case Test t -> test(t);
    };
  }

  private String join(List<Filter> children, String op, String empty) {
    if (children.isEmpty()) {
      return empty;
    }
    StringBuilder out = new StringBuilder("(");
    for (int i = 0; i < children.size(); i++) {
      out.append(i == 0 ? "" : op).append(filter(children.get(i)));
    }
    return out.append(')').toString();
  }

  private String test(Test t) {
    Field f = t.field();
    if (t.op() == Op.IS) {
      return switch (t.values().getFirst()) {
        case "null" -> "(" + text(f) + ") IS NULL";
        case "true" -> bool(f, true);
        default -> bool(f, false);
      };
    }
    if (t.op() == Op.IN) {
      StringBuilder out = new StringBuilder("(");
      for (int i = 0; i < t.values().size(); i++) {
        out.append(i == 0 ? "" : " OR ")
            .append(test(new Test(f, Op.EQ, List.of(t.values().get(i)))));
      }
      return out.append(')').toString();
    }
    String operand = t.values().getFirst();
    String op =
        switch (t.op()) {
          case EQ -> " = ";
          case NEQ -> " <> ";
          case GT -> " > ";
          case GTE -> " >= ";
          case LT -> " < ";
          case LTE -> " <= ";
          case LIKE -> " LIKE ";
          default -> " ILIKE ";
        };
    if (RowQuery.isTimestamp(f)) {
      String left = number(f);
      params.add((double) RowQuery.epochMicros(operand));
      return left + op + "?";
    }
    if (RowQuery.numeric(f, operand) && t.op() != Op.LIKE && t.op() != Op.ILIKE) {
      String left = number(f);
      params.add(Double.parseDouble(operand));
      return left + op + "?";
    }
    if (f.isId() && isUuid(operand)) {
      params.add(UUID.fromString(operand));
      return (documents ? "id" : "event_id") + op + "?";
    }
    String left = collated(text(f));
    params.add(RowQuery.textOperand(f, operand));
    String escape = t.op() == Op.LIKE || t.op() == Op.ILIKE ? " ESCAPE ''" : "";
    return left + op + "?" + escape;
  }

  private String collated(String text) {
    return dialect.collated(text);
  }

  /** The field's value as text, or SQL null. */
  private String text(Field f) {
    if (f.isId()) {
      return "CAST(" + (documents ? "id" : "event_id") + " AS " + textType() + ")";
    }
    if (documents) {
      return documentText(f.path());
    }
    String key = f.path().getFirst();
    int depth = f.path().size();
    if (key.equals("event_id") && depth == 1) {
      return "CAST(event_id AS " + textType() + ")";
    }
    if (key.equals("timestamp") && depth == 1) {
      return "CAST(ts AS " + textType() + ")";
    }
    if ((TEXT_COLUMNS.contains(key) || key.equals("ci_detected") || NUMBER_COLUMNS.contains(key))
        && depth == 1) {
      return TEXT_COLUMNS.contains(key) ? key : "CAST(" + key + " AS " + textType() + ")";
    }
    if (ARRAY_COLUMNS.contains(key)) {
      if (depth == 1) {
        return dialect.arrayJson(key);
      }
      String index = f.path().get(1);
      if (depth == 2 && index.matches("0|[1-9][0-9]{0,8}")) {
        params.add(Integer.parseInt(index) + 1);
        return key + "[?]";
      }
    }
    return nullText();
  }

  private String documentText(List<String> path) {
    return dialect.jsonText(path, params);
  }

  /** The field's value as a number (numbers only; anything else is SQL null). */
  private String number(Field f) {
    if (f.isId()) {
      return NULL_NUMBER;
    }
    if (documents) {
      if (RowQuery.isTimestamp(f)) {
        return NULL_NUMBER;
      }
      return dialect.jsonNumber(f.path(), params);
    }
    if (RowQuery.isTimestamp(f)) {
      return dialect.epochMicros("ts");
    }
    if (f.path().size() == 1 && NUMBER_COLUMNS.contains(f.path().getFirst())) {
      return "CAST(" + f.path().getFirst() + " AS DOUBLE PRECISION)";
    }
    return NULL_NUMBER;
  }

  private String bool(Field f, boolean value) {
    if (f.isId()) {
      return "FALSE";
    }
    String literal = value ? "'true'" : "'false'";
    if (documents) {
      return dialect.jsonBoolean(f.path(), literal, params);
    }
    if (f.path().equals(List.of("ci_detected"))) {
      return value ? "ci_detected IS TRUE" : "ci_detected IS FALSE";
    }
    return "FALSE";
  }

  private static boolean isUuid(String s) {
    return s.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  }

  private PreparedStatement prepare(String text) throws SQLException {
    PreparedStatement s = c.prepareStatement(text);
    try {
      for (int i = 0; i < params.size(); i++) {
        Object p = params.get(i);
        if (p instanceof List<?> path) {
          s.setArray(i + 1, c.createArrayOf("text", path.toArray()));
        } else {
          s.setObject(i + 1, p);
        }
      }
      return s;
    } catch (SQLException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  @SuppressWarnings("unchecked") // a document is always stored from a JSON object
  private static Map<String, Object> payload(String json) {
    return (Map<String, Object>) Json.parse(json);
  }
}
