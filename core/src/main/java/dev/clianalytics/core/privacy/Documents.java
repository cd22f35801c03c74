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
 * value under an identifier key ({@code actor_id}, {@code machine_id}, {@code session_hint}, in any
 * case and with or without {@code _} or {@code -}, so {@code actorId} too) is stored in its hashed
 * form, at any depth and of any JSON type: every string, number or boolean inside it (in lists and
 * objects too) becomes its hash, so no raw identifier survives however it is wrapped.
 */
final class Documents {
  /** Identifier keys, lower case without separators. */
  private static final Set<String> IDENTIFIER_KEYS = Set.of("actorid", "machineid", "sessionhint");

  private final Identifiers identifiers;

  Documents(Identifiers identifiers) {
    this.identifiers = identifiers;
  }

  Object sanitize(Object json) {
    if (json instanceof Map<?, ?> map) {
      return object(map);
    } else if (json instanceof List<?> list) {
      return array(list);
    } else if (json instanceof String s) {
      return ErrorText.redact(s);
    }
    return json;
  }

  Map<String, Object> object(Map<?, ?> map) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      Object value = e.getValue();
      if (isIdentifierKey(key)) {
        out.put(ErrorText.redact(key), identifier(value));
      } else if (SecretNames.isSecret(key, true) && value != null) {
        out.put(ErrorText.redact(key), Placeholders.SECRET);
      } else {
        out.put(ErrorText.redact(key), sanitize(value));
      }
    }
    return out;
  }

  static boolean isIdentifierKey(String key) {
    StringBuilder folded = new StringBuilder(key.length());
    for (int i = 0; i < key.length() && folded.length() <= 12; i++) {
      char c = key.charAt(i);
      if (c != '_' && c != '-') {
        folded.append(Character.toLowerCase(c));
      }
    }
    return IDENTIFIER_KEYS.contains(folded.toString());
  }

  /** Every scalar in {@code value} hashed; structure kept, null kept. */
  private Object identifier(Object value) {
    if (value == null) {
      return null;
    } else if (value instanceof Map<?, ?> map) {
      Map<String, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(ErrorText.redact(String.valueOf(k)), identifier(v)));
      return out;
    } else if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(identifier(v)));
      return out;
    }
    return identifiers.normalize(String.valueOf(value));
  }

  private List<Object> array(List<?> list) {
    List<Object> out = new ArrayList<>(list.size());
    for (Object item : list) {
      out.add(sanitize(item));
    }
    return out;
  }
}
