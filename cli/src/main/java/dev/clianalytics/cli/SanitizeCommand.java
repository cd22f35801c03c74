package dev.clianalytics.cli;

import dev.clianalytics.core.privacy.LineSanitizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "sanitize",
    mixinStandardHelpOptions = true,
    description = {
      "Print exactly what the client would send for raw events (JSON Lines).",
      "One JSON object per input line, or {\"line\": n, \"errors\": [...]} for an invalid event.",
      "Identifiers appear in their SHA-256 form. Exit code 0 when every line was a valid event,",
      "1 otherwise."
    })
final class SanitizeCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "FILE",
      description = "JSON Lines file to read; '-' or nothing reads standard input.")
  String file;

  @Option(
      names = "--json",
      description = "Print JSON Lines (the only form; accepted like every command's).")
  boolean json;

  @Override
  public Integer call() throws IOException {
    LineSanitizer sanitizer = new LineSanitizer();
    boolean allValid = true;
    // Standard output is flushed, not closed: it belongs to the caller.
    PrintWriter out =
        new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
    try (BufferedReader in = new BufferedReader(open())) {
      String line;
      int number = 0;
      while ((line = in.readLine()) != null) {
        number++;
        LineSanitizer.Result result = sanitizer.sanitize(line, number);
        allValid &= result.valid();
        out.print(result.json());
        out.print('\n');
      }
    } finally {
      out.flush();
    }
    return allValid ? 0 : 1;
  }

  private Reader open() throws IOException {
    if (file == null || file.equals("-")) {
      return new InputStreamReader(System.in, StandardCharsets.UTF_8);
    }
    try {
      return Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IOException("no such file: " + file, e);
    }
  }
}
