package dev.clianalytics.server.rest;

import java.util.Locale;

/**
 * The parts of PostgREST's {@code Prefer} and {@code Accept} headers the sink honours: {@code
 * return=representation} (answer the stored rows) and {@code application/vnd.pgrst.object+json}
 * (answer one object instead of an array).
 */
record Prefer(boolean representation, boolean singleObject) {
  static Prefer of(String prefer, String accept) {
    boolean representation = false;
    if (prefer != null) {
      for (String part : prefer.toLowerCase(Locale.ROOT).split(",")) {
        if (part.strip().equals("return=representation")) {
          representation = true;
        }
      }
    }
    boolean single =
        accept != null && accept.toLowerCase(Locale.ROOT).contains("vnd.pgrst.object+json");
    return new Prefer(representation, single);
  }
}
