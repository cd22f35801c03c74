package dev.clianalytics.core.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The privacy rules for free-form JSON documents (such as a north-star aggregate posted to {@code
 * /rest/v1/events}): the server cannot know what a document means, so every string in it (keys too)
 * gets the error-text redaction, a value under a secret-looking key becomes {@code <secret>}, and a
 * value under an identifier key ({@code actor_id}, {@code machine_id}, {@code session_hint}) is
 * stored in its hashed form, at any depth.
 */
final class Documents {
  private static final Set<String> IDENTIFIER_KEYS =
      Set.of("actor_id", "machine_id", "session_hint");

  private final Identifiers identifiers;

  Documents(Identifiers identifiers) {
    this.identifiers = identifiers;
  }

  Object sanitize(Object json) {
    return switch (json) {
      case Map<?, ?> map -> object(map);
      case List<?> list -> array(list);
      case String s -> ErrorText.redact(s);
      case null, default -> json;
    };
  }

  Map<String, Object> object(Map<?, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      Object value = e.getValue();
      if (IDENTIFIER_KEYS.contains(key) && value instanceof String id) {
        out.put(key, identifiers.normalize(id));
      } else if (SecretNames.isSecret(key, true) && value != null) {
        out.put(ErrorText.redact(key), Placeholders.SECRET);
      } else {
        out.put(ErrorText.redact(key), sanitize(value));
      }
    }
    return out;
  }

  private List<Object> array(List<?> list) {
    List<Object> out = new ArrayList<>(list.size());
    for (Object item : list) {
      out.add(sanitize(item));
    }
    return out;
  }
}
