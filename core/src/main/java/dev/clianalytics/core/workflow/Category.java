package dev.clianalytics.core.workflow;

import java.util.Locale;

/** What a workflow is for; the JSON form is the lowercase name ({@code "deploy"}). */
public enum Category {
  BUILD,
  TEST,
  DEPLOY,
  RELEASE,
  SETUP,
  AI,
  OTHER;

  private final String json = name().toLowerCase(Locale.ROOT);

  /** The lowercase name used in JSON, YAML and reports. */
  public String json() {
    return json;
  }

  /** Parses the lowercase name; throws naming the allowed values otherwise. */
  public static Category parse(String value) {
    for (Category category : values()) {
      if (category.json().equals(value)) {
        return category;
      }
    }
    throw new IllegalArgumentException(
        "category '"
            + value
            + "' is not one of build, test, deploy, release, setup, ai, other; use one of those");
  }
}
