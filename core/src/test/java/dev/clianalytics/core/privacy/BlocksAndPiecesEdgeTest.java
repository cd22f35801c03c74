package dev.clianalytics.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Connection strings ({@link Blocks}) and the key-like runs inside a word ({@link Pieces}) on the
 * edges of their rules (docs/privacy.md): spaces before the {@code =}, the longest name of a pair,
 * a list cut off at the end of the text, and a token or random part after a benign prefix.
 */
class BlocksAndPiecesEdgeTest {
  @Test
  void connectionString_allowsSpacesOrATabBeforeItsEquals_anywhereInTheText() {
    assertEquals("<url>", Blocks.redact("Server" + " ".repeat(15) + "=db;Password=x"));
    assertEquals("<url>", Blocks.redact("Server\t=db;Password=x"));
    assertEquals(
        "could not connect with <url>",
        Blocks.redact("could not connect with Server =db;Password=x"));
  }

  @Test
  void connectionString_pairNamesUpTo42Characters() {
    String before = "x;y=1 ";
    assertEquals(before + "<url>", Blocks.redact(before + "Server=db;" + "a".repeat(42) + "=v"));
    String tooLong = before + "Server=db;" + "a".repeat(43) + "=v";
    assertEquals(tooLong, Blocks.redact(tooLong));
    // the quick check for a list looks 41 characters after each semicolon
    assertEquals("<url>", Blocks.redact("Server=db;" + "a".repeat(41) + "=v"));
    String unseen = "Server=db;" + "a".repeat(42) + "=v";
    assertEquals(unseen, Blocks.redact(unseen));
  }

  @Test
  void connectionString_cutOffAtTheEndOfTheText_isLeftAsItIs() {
    assertEquals("x;a=b Server", Blocks.redact("x;a=b Server"));
    assertEquals("x;y=1 Server=db;abc", Blocks.redact("x;y=1 Server=db;abc"));
    assertEquals("a;abc", Blocks.redact("a;abc"));
  }

  @Test
  void aTokenOrRandomPartInsideAWord_isHidden_withWhatFollowsItsPrefix() {
    // no separator in the run: recognized by its prefix alone (an AWS key id of one letter)
    assertEquals("key#<secret>", Pieces.redact("key#AKIAAAAAAAAAAAAAAAAA"));
    // a token at the start of a run with separators
    assertEquals("channel:<secret>", Pieces.redact("channel:xoxb-123456789012"));
    // a token after a benign part and a dot
    assertEquals("ref:<secret>", Pieces.redact("ref:main.ghp_A1b2C3d4E5f6G7h8"));
    // a random part of 16 characters after a benign prefix, not of 15
    assertEquals("v:<secret>", Pieces.redact("v:build-1234567890123456"));
    assertEquals("v:build-123456789012345", Pieces.redact("v:build-123456789012345"));
    assertEquals("x:<ip>.5", Pieces.redact("x:1.2.3.4.5"));
  }
}
