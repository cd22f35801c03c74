package dev.clianalytics.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Every endpoint of the HTTP API, PostHog's capture paths among them (plus a dashboard asset), and
 * the request targets the fuzz run aims at them: path parameters, mangled paths and query strings.
 */
final class FuzzTargets {
  /** The token kind an endpoint needs on PostgreSQL settings. */
  enum Need {
    NONE,
    INGEST,
    READ,
    ADMIN
  }

  /** One endpoint: its method, its path template and the token it needs. */
  record Endpoint(String method, String template, Need need) {
    String name() {
      return method + " " + template;
    }
  }

  static final List<Endpoint> ENDPOINTS =
      List.of(
          new Endpoint("GET", "/health", Need.NONE),
          new Endpoint("POST", "/ingest", Need.INGEST),
          new Endpoint("POST", "/v1/traces", Need.INGEST),
          new Endpoint("POST", "/infer", Need.ADMIN),
          new Endpoint("GET", "/reports/summary", Need.READ),
          new Endpoint("GET", "/reports/workflows/{name}", Need.READ),
          new Endpoint("GET", "/reports/hot-paths", Need.READ),
          new Endpoint("GET", "/reports/nsm", Need.READ),
          new Endpoint("GET", "/reports/versions", Need.READ),
          new Endpoint("GET", "/reports/recovery", Need.READ),
          new Endpoint("GET", "/reports/trends", Need.READ),
          new Endpoint("GET", "/workflows", Need.READ),
          new Endpoint("DELETE", "/actors/{actor_id}", Need.ADMIN),
          new Endpoint("POST", "/rest/v1/events", Need.INGEST),
          new Endpoint("GET", "/rest/v1/events", Need.READ),
          new Endpoint("POST", "/capture/", Need.INGEST),
          new Endpoint("POST", "/i/v0/e/", Need.INGEST),
          new Endpoint("POST", "/e/", Need.INGEST),
          new Endpoint("POST", "/batch/", Need.INGEST),
          new Endpoint("GET", "/metrics", Need.NONE),
          new Endpoint("GET", "/openapi.json", Need.NONE),
          new Endpoint("GET", "/docs", Need.NONE),
          new Endpoint("GET", "/", Need.NONE),
          new Endpoint("GET", "/dashboard/js/app.js", Need.NONE));

  private static final String[] NAMES = {
    "apply_workflow",
    "git_push",
    "no_such_workflow",
    "a%20b",
    "%2e%2e",
    "..",
    "%C3%BCn%C3%AFc",
    "x".repeat(300),
    "%",
    "%zz",
    "name%2Fwith%2Fslash",
    "%3Cscript%3E",
    "'%3B%20DROP%20TABLE%20events",
    "%00",
    "%E2%82",
    "%C0%AF",
    "terraform_apply"
  };
  private static final String[] QUERY = {
    "from=2026-01-01",
    "to=2026-12-31",
    "from=2026-13-45",
    "to=yesterday",
    "from=",
    "to=0000-00-00",
    "from=+999999999-12-31",
    "from=2026-01-01T00:00:00Z",
    "from=99999999999999999999",
    "limit=-1",
    "limit=0",
    "limit=10",
    "limit=99999999999999999999",
    "limit=1e3",
    "limit=abc",
    "offset=-5",
    "offset=10000000000",
    "format=csv",
    "format=xml",
    "format=CSV",
    "format=",
    "format=json",
    "format=csv%00",
    "tool=terraform",
    "tool=",
    "tool=%zz",
    "tool=" + "t".repeat(2000),
    "weeks=12",
    "weeks=-1",
    "weeks=0",
    "weeks=1000000",
    "weeks=x",
    "command=ai-do",
    "command=",
    "full=true",
    "full=maybe",
    "select=*",
    "select=id",
    "select=nope",
    "select=count()",
    "id=eq.x",
    "order=id.desc",
    // PostgREST filters on /rest/v1/events (docs/supabase.md)
    "payload-%3E%3Etool_name=eq.git",
    "payload-%3Eexit_code=gt.0",
    "payload-%3E%3Etool_name=in.(git,%22a,b%22)",
    "payload-%3E%3Etool_name=in.(",
    "payload-%3E%3Etool_name=like.*%25_%5C",
    "payload-%3E%3Etimestamp=gt.yesterday",
    "payload-%3E%3Etimestamp=gte.2026-01-01T00:00:00Z",
    "payload-%3Ecommand_path-%3E%3E0=eq.git",
    "payload-%3E%3E=eq.x",
    "payload-%3E%3Ea-%3Eb=eq.x",
    "payload=eq.x",
    "id=like.x",
    "id=in.(" + "00000000-0000-0000-0000-000000000000,".repeat(300) + ")",
    "or=(payload-%3E%3Etool_name.eq.git,and(payload-%3Eexit_code.gt.0,not.payload-%3E%3Ea.is.null))",
    "or=(" + "or(".repeat(40) + "id.is.null" + ")".repeat(40) + ")",
    "or=(" + "a,".repeat(500) + ")",
    "or=((((",
    "and=()",
    "not.or=(id.is.null)",
    "payload-%3E%3Ex=not.is.maybe",
    "payload-%3E%3Ex=xeq.1",
    "order=payload-%3E%3Etool_name.desc.nullsfirst,id",
    "order=payload-%3Eexit_code.sideways",
    "order=" + "id,".repeat(100),
    "nosuchcolumn=eq.1",
    "foo=bar",
    "&&&",
    "=",
    "a=%",
    "%zz=1",
    "limit",
    "from=a&from=b",
    "x=" + "y".repeat(9000),
    "%E2%82%AC=%E2%82%AC",
    "q=%u0041",
    "compression=gzip-js",
    "compression=lz64",
    "compression=",
    "compression=gzip-js&compression=base64"
  };
  private static final String[] RAW_PATHS = {
    "/../../etc/passwd",
    "//ingest",
    "/reports/./summary",
    "/reports/../reports/summary",
    "/REPORTS/SUMMARY",
    "/ingest;jsessionid=1",
    "/reports%2Fsummary",
    "/reports%2fsummary",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/reports/summary%00",
    "/rest/v1/events/",
    "/rest/v1/events/1",
    "/actors/",
    "/actors",
    "/reports/workflows/",
    "/reports/workflows/a/b",
    "/favicon.ico",
    "/webjars/../WEB-INF/web.xml",
    "/dashboard/../../secret",
    "/h%C3%A9alth",
    "/health%",
    "\\ingest",
    "/ingest\\..\\",
    "*",
    "http://127.0.0.1/ingest",
    "/%ff%fe",
    "/reports/summary#x"
  };

  private final Random random;

  FuzzTargets(Random random) {
    this.random = random;
  }

  /** The request target (path and query) for {@code endpoint}, mangled now and then. */
  String target(Endpoint endpoint) {
    String path = endpoint.template().replace("{name}", pick(NAMES)).replace("{actor_id}", actor());
    int roll = random.nextInt(100);
    if (roll < 6) {
      path = pick(RAW_PATHS);
    } else if (roll < 24) {
      path = mangle(path);
    }
    boolean reading = endpoint.method().equals("GET") && endpoint.need() == Need.READ;
    if (random.nextInt(100) < (reading ? 70 : 20)) {
      path += "?" + query();
    }
    return path;
  }

  private String actor() {
    return switch (random.nextInt(6)) {
      case 0 -> "%00";
      case 1 -> "a%2Fb";
      case 2 -> "x".repeat(1000 + random.nextInt(200));
      case 3 -> "%E2%82";
      default -> FuzzBodies.ACTOR_MARKER + "-" + random.nextInt(40) + "%40example.com";
    };
  }

  private String mangle(String path) {
    return switch (random.nextInt(10)) {
      case 0 -> path.replaceFirst("/(?=[^/]*$)", "%2F");
      case 1 -> path + "/..";
      case 2 -> "/x/.." + path;
      case 3 -> path.toUpperCase(Locale.ROOT);
      case 4 -> path + "/";
      case 5 -> path + "/\u00fcn\u00efc\u00f6d\u00e9";
      case 6 -> path + "%" + (random.nextBoolean() ? "" : "g1");
      case 7 -> path + "/" + "a".repeat(100 + random.nextInt(random.nextBoolean() ? 500 : 20_000));
      case 8 -> path.replace("/", "//");
      default -> path + ";p=" + random.nextInt(10);
    };
  }

  private String query() {
    List<String> parts = new ArrayList<>();
    for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
      parts.add(pick(QUERY));
    }
    return String.join("&", parts);
  }

  private String pick(String[] options) {
    return options[random.nextInt(options.length)];
  }
}
