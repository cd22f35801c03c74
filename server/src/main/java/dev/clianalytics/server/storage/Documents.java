package dev.clianalytics.server.storage;

import dev.clianalytics.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What both databases do alike before writing documents. */
public final class Documents {
  private Documents() {}

  public static List<UUID> newIds(int count) {
    List<UUID> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ids.add(UUID.randomUUID());
    }
    return ids;
  }

  /** Each document as storable JSON text (see {@link Storable#cleanJson}). */
  public static List<String> json(List<Map<String, Object>> documents) {
    List<String> out = new ArrayList<>(documents.size());
    for (Map<String, Object> d : documents) {
      out.add(Json.write(Storable.cleanJson(d)));
    }
    return out;
  }
}
