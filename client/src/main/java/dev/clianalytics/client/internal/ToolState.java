package dev.clianalytics.client.internal;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * What one tool remembers between runs, in {@code <config>/tools/<tool>}: the user's {@code
 * telemetry on|off} choice and whether the first-run notice was shown. Two lines such as {@code
 * telemetry=off} and {@code notice=shown}; a missing or unreadable file means "no choice, no notice
 * yet" (docs/client.md).
 *
 * @param choice {@code Boolean.TRUE} after {@code telemetry on}, {@code FALSE} after {@code off},
 *     null when the user never chose
 * @param noticeShown whether the one-time notice has been printed
 */
record ToolState(Boolean choice, boolean noticeShown) {
  static final ToolState NONE = new ToolState(null, false);
  static final String DIR = "tools";

  /** The file of {@code toolName} under the SDK's config directory. */
  static Path file(Path configDir, String toolName) {
    return configDir.resolve(DIR).resolve(fileName(toolName));
  }

  /** The tool name in lower case with anything but {@code a-z 0-9 - _} as {@code _}. */
  static String fileName(String toolName) {
    String name = toolName == null ? "" : toolName.trim();
    StringBuilder f = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = Character.toLowerCase(name.charAt(i));
      boolean plain = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
      f.append(plain ? c : '_');
    }
    return f.length() == 0 ? "_" : f.toString();
  }

  static ToolState read(Path file) {
    if (!Files.isRegularFile(file)) {
      return NONE;
    }
    try (InputStream in = new FileInputStream(file.toFile())) {
      return parse(new String(in.readNBytes(4096), StandardCharsets.ISO_8859_1));
    } catch (IOException | RuntimeException e) {
      return NONE;
    }
  }

  static ToolState parse(String text) {
    Boolean choice = null;
    boolean notice = false;
    for (String line : text.split("\n")) {
      String l = line.trim();
      if (l.equals("telemetry=on")) {
        choice = Boolean.TRUE;
      } else if (l.equals("telemetry=off")) {
        choice = Boolean.FALSE;
      } else if (l.equals("notice=shown")) {
        notice = true;
      }
    }
    return new ToolState(choice, notice);
  }

  ToolState withChoice(boolean on) {
    return new ToolState(on, noticeShown);
  }

  ToolState withNoticeShown() {
    return new ToolState(choice, true);
  }

  /** Replaces the file atomically, so a concurrent run reads the old state or the new one. */
  void write(Path file) throws IOException {
    StringBuilder text = new StringBuilder();
    if (choice != null) {
      text.append("telemetry=").append(choice ? "on" : "off").append('\n');
    }
    if (noticeShown) {
      text.append("notice=shown\n");
    }
    Files.createDirectories(file.getParent());
    Path tmp = RandomIds.tempSibling(file);
    try {
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
