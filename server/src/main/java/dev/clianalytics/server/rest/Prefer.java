package dev.clianalytics.server.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parts of PostgREST's {@code Prefer} and {@code Accept} headers the sink honours on insert:
 * {@code return=minimal|headers-only|representation}, {@code resolution=ignore-duplicates} and
 * {@code application/vnd.pgrst.object+json} (answer one object instead of an array).
 */
record Prefer(
    boolean representation, boolean singleObject, String returning, boolean ignoreDuplicates) {
  static Prefer of(String prefer, String accept) {
    String returning = null;
    boolean ignore = false;
    if (prefer != null) {
      for (String part : prefer.toLowerCase(Locale.ROOT).split(",")) {
        switch (part.strip()) {
          case "return=representation" -> returning = "representation";
          case "return=minimal" -> returning = "minimal";
          case "return=headers-only" -> returning = "headers-only";
          case "resolution=ignore-duplicates" -> ignore = true;
          default -> {
            // other preferences are not applied, as PostgREST does without handling=strict
          }
        }
      }
    }
    boolean single =
        accept != null && accept.toLowerCase(Locale.ROOT).contains("vnd.pgrst.object+json");
    return new Prefer("representation".equals(returning), single, returning, ignore);
  }

  /** The {@code Preference-Applied} value, or null when nothing was applied. */
  String applied() {
    List<String> out = new ArrayList<>();
    if (returning != null) {
      out.add("return=" + returning);
    }
    if (ignoreDuplicates) {
      out.add("resolution=ignore-duplicates");
    }
    return out.isEmpty() ? null : String.join(", ", out);
  }
}
