package dev.clianalytics.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Keeps {@code exec} alive until its child exits. SIGINT is ignored, because a terminal's Ctrl-C
 * already reaches the child (same process group) and a second copy would turn a graceful stop
 * (terraform, a REPL) into a forced one. SIGTERM and SIGHUP, usually sent to one pid, are passed on
 * to the child. Uses {@code sun.misc.Signal} (module jdk.unsupported) reflectively; where it is
 * missing, as on some JVMs, the JVM's default handling stays.
 */
final class Signals {
  private Signals() {}

  static void forwardTo(Process child) {
    ignore("INT");
    forward("TERM", child::destroy);
    forward("HUP", () -> send("HUP", child));
  }

  private static void ignore(String signal) {
    try {
      Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
      install(signal, handlerType.getField("SIG_IGN").get(null));
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // Default handling stays; exec still returns the child's code when it can.
    }
  }

  private static void forward(String signal, Runnable action) {
    try {
      Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
      InvocationHandler onSignal =
          (proxy, method, args) -> objectMethod(proxy, method, args, action);
      Object handler =
          Proxy.newProxyInstance(
              handlerType.getClassLoader(), new Class<?>[] {handlerType}, onSignal);
      install(signal, handler);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // Unknown signal on this platform (HUP on Windows) or no sun.misc: keep the default.
    }
  }

  private static Object objectMethod(Object proxy, Method method, Object[] args, Runnable action) {
    return switch (method.getName()) {
      case "hashCode" -> System.identityHashCode(proxy);
      case "equals" -> proxy == args[0];
      case "toString" -> "exec signal forwarder";
      default -> {
        action.run();
        yield null;
      }
    };
  }

  private static void install(String signal, Object handler) throws ReflectiveOperationException {
    Class<?> signalType = Class.forName("sun.misc.Signal");
    Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
    Object sig = signalType.getConstructor(String.class).newInstance(signal);
    signalType.getMethod("handle", signalType, handlerType).invoke(null, sig, handler);
  }

  /** Sends a named signal with kill(1); only the pid and signal name are on its command line. */
  private static void send(String signal, Process child) {
    try {
      new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start();
    } catch (java.io.IOException e) {
      child.destroy();
    }
  }
}
