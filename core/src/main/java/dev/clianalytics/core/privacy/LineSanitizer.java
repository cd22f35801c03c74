package dev.clianalytics.core.privacy;

import dev.clianalytics.core.event.EventValidator;
import dev.clianalytics.core.event.FieldError;
import dev.clianalytics.core.event.Validation;
import dev.clianalytics.core.json.Json;
import dev.clianalytics.core.json.JsonException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine of {@code cli-analytics sanitize}: one raw event line in, one JSON line out, either
 * the event exactly as the client would send it or {@code {"line": n, "errors": [...]}}.
 */
public final class LineSanitizer {
  private final Privacy privacy = Privacy.client();

  /** One output line and whether the input was a valid event. */
  public record Result(String json, boolean valid) {}

  /** Sanitizes one input line; {@code lineNumber} is 1-based and appears in error lines. */
  public Result sanitize(String line, int lineNumber) {
    if (line.isBlank()) {
      return error(lineNumber, List.of(new FieldError("", "empty line; expected one JSON event")));
    }
    Object json;
    try {
      json = Json.parse(line);
    } catch (JsonException e) {
      return error(lineNumber, List.of(new FieldError("", "invalid JSON: " + e.getMessage())));
    }
    Validation validation = EventValidator.validate(json);
    if (validation instanceof Validation.Valid v) {
      return applied(v, lineNumber);
    }
    return error(lineNumber, ((Validation.Invalid) validation).errors());
  }

  private Result applied(Validation.Valid v, int lineNumber) {
    try {
      return new Result(Json.write(privacy.apply(v.event()).toJson()), true);
    } catch (RuntimeException | StackOverflowError e) {
      // One line the rules cannot handle costs that line, never the rest of the file.
      return error(lineNumber, List.of(new FieldError("", UNPROCESSABLE)));
    }
  }

  /** The reason printed for a line the privacy rules could not process. */
  static final String UNPROCESSABLE = "the privacy rules could not process this event";

  private static Result error(int lineNumber, List<FieldError> errors) {
    List<Map<String, Object>> list = new ArrayList<>(errors.size());
    for (FieldError e : errors) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("field", e.field());
      item.put("message", e.message());
      list.add(item);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("line", lineNumber);
    out.put("errors", list);
    return new Result(Json.write(out), false);
  }
}
