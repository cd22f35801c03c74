package dev.clianalytics.server.http;

import io.javalin.config.JettyConfig;
import java.time.Duration;
import java.util.EventListener;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Limits for slow clients (slowloris), set explicitly instead of left to Jetty's defaults (see
 * docs/server.md, "Slow clients"): a connection must complete its first request's headers within
 * {@link #HEADER_DEADLINE} (an idle timeout alone lets a client that sends a byte now and then hold
 * a connection for hours), stays open at most {@link #IDLE_TIMEOUT} without traffic, sends headers
 * of at most {@link #MAX_HEADER_BYTES}, and sends a body at {@link #MIN_BODY_BYTES_PER_SECOND} or
 * faster (else 408).
 */
public final class SlowRequests {
  /** Time from connecting to the end of the first request's headers. */
  public static final Duration HEADER_DEADLINE = Duration.ofSeconds(10);

  /** Time a connection may stay silent, between requests or inside one. */
  public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

  /** Request line and headers together; larger ones are answered 431. */
  public static final int MAX_HEADER_BYTES = 8 * 1024;

  /** Slowest body upload accepted, averaged over the upload; slower ones are answered 408. */
  public static final long MIN_BODY_BYTES_PER_SECOND = 1024;

  private SlowRequests() {}

  /** Applies the limits to the server Javalin is about to build. */
  public static void configure(JettyConfig jetty) {
    jetty.modifyHttpConfiguration(
        http -> {
          http.setRequestHeaderSize(MAX_HEADER_BYTES);
          // the idle timeout is the connector's alone: an HttpConfiguration idle timeout is set on
          // the connection for each request and the connection's own restored when the request
          // completes, which undid a stop's shortening of it when a request completed during the
          // stop, so that a graceful stop waited out the full idle timeout for that connection
          http.setMinRequestDataRate(MIN_BODY_BYTES_PER_SECOND);
        });
    jetty.modifyServer(
        server ->
            server.addEventListener(
                new LifeCycle.Listener() {
                  // the connectors exist by now, and are not started yet
                  @Override
                  public void lifeCycleStarting(LifeCycle event) {
                    for (Connector connector : server.getConnectors()) {
                      if (connector instanceof AbstractConnector c) {
                        c.setIdleTimeout(IDLE_TIMEOUT.toMillis());
                        c.addBean(new HeaderDeadline(c.getScheduler()));
                      }
                    }
                  }
                }));
  }

  /** Closes a connection that has not completed a request's headers by the deadline. */
  private record HeaderDeadline(Scheduler scheduler) implements Connection.Listener, EventListener {
    @Override
    public void onOpened(Connection connection) {
      scheduler.schedule(
          () -> {
            if (connection.getMessagesIn() == 0 && connection.getEndPoint().isOpen()) {
              connection.getEndPoint().close();
            }
          },
          HEADER_DEADLINE.toMillis(),
          TimeUnit.MILLISECONDS);
    }

    @Override
    public void onClosed(Connection connection) {}
  }
}
