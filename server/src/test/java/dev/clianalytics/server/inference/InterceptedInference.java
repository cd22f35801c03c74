package dev.clianalytics.server.inference;

import dev.clianalytics.server.storage.InferenceStore;
import dev.clianalytics.server.storage.Storage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * A storage whose inference store runs each exclusive work through a test's own code: for the
 * interleavings of several instances' inferences. Everything else goes to the real storage.
 */
final class InterceptedInference {
  private InterceptedInference() {}

  /** What runs in place of {@code store.exclusively(work)}. */
  interface Exclusively {
    Object run(InferenceStore store, InferenceStore.InferenceWork<?> work);
  }

  static Storage of(Storage storage, Exclusively exclusively) {
    InferenceStore store = storage.inference();
    InferenceStore intercepted =
        (InferenceStore)
            Proxy.newProxyInstance(
                InferenceStore.class.getClassLoader(),
                new Class<?>[] {InferenceStore.class},
                (proxy, method, args) ->
                    method.getName().equals("exclusively")
                        ? exclusively.run(store, (InferenceStore.InferenceWork<?>) args[0])
                        : invoke(method, store, args));
    return (Storage)
        Proxy.newProxyInstance(
            Storage.class.getClassLoader(),
            new Class<?>[] {Storage.class},
            (proxy, method, args) ->
                method.getName().equals("inference") ? intercepted : invoke(method, storage, args));
  }

  private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
