package dev.clianalytics.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The word-level lookups of {@link MessageRedactor} (docs/privacy.md) on their boundaries: each
 * length limit one below, at and above, each character class at its edges.
 */
class LexerTest {
  @Test
  void delimiters_areControlCharactersSpacesBracketsQuotesAndPunctuationThatEndsAWord() {
    for (char c :
        " \t\n\u0000\u001F,;|()[]{}<>\"'`\u007F\u00A0\u2003\u2018\u2019\u201C\u201D"
            .toCharArray()) {
      assertTrue(Lexer.isDelimiter(c), "U+" + Integer.toHexString(c));
    }
    for (char c : "!=:/@.-_+~a0\u0080\u00E9\u2017\u201A\u201E".toCharArray()) {
      assertFalse(Lexer.isDelimiter(c), "U+" + Integer.toHexString(c));
    }
  }

  @Test
  void placeholders_andQuotes() {
    assertEquals(6, Lexer.placeholderLength("a <path> b", 2));
    assertEquals(8, Lexer.placeholderLength("<secret>", 0));
    assertEquals(0, Lexer.placeholderLength("<paths", 0));
    assertEquals(0, Lexer.placeholderLength("x<path>", 0));
    assertEquals('"', Lexer.closingQuoteFor('"'));
    assertEquals('\'', Lexer.closingQuoteFor('\''));
    assertEquals('`', Lexer.closingQuoteFor('`'));
    assertEquals('\u2019', Lexer.closingQuoteFor('\u2018'));
    assertEquals('\u201D', Lexer.closingQuoteFor('\u201C'));
    assertEquals(0, Lexer.closingQuoteFor('('));
    assertEquals(3, Lexer.indexOfClosing("a\"b\"c\"", 2, 6, '"'));
    assertEquals(-1, Lexer.indexOfClosing("a\"b\"c\"", 4, 5, '"'));
    assertEquals(-1, Lexer.indexOfClosing("\"abc", 1, 4, '"'));
  }

  @Test
  void betweenNameAndValue_onlySpacesTabsQuotesEscapedQuotes_andForCookiesSemicolons() {
    assertTrue(Lexer.onlySpacesAndQuotes("x \t\"' y", 1, 5, false));
    assertTrue(Lexer.onlySpacesAndQuotes("x\\\"y", 1, 3, false));
    assertFalse(Lexer.onlySpacesAndQuotes("x\\y", 1, 2, false));
    // a backslash as the last character has no quote after it inside the range
    assertFalse(Lexer.onlySpacesAndQuotes("x\\\"", 1, 2, false));
    assertFalse(Lexer.onlySpacesAndQuotes("x ; y", 1, 4, false));
    assertTrue(Lexer.onlySpacesAndQuotes("x ; y", 1, 4, true));
    assertFalse(Lexer.onlySpacesAndQuotes("x , y", 1, 4, true));
    assertTrue(Lexer.onlySpacesAndQuotes("x=y", 1, 1, false));
  }

  @Test
  void credentialWords_andCredentialShapes() {
    assertTrue(Lexer.announcesCredential("Bearer"));
    assertTrue(Lexer.announcesCredential("pwd"));
    assertTrue(Lexer.announcesCredential("key"));
    assertTrue(Lexer.announcesCredential("passphrase"));
    assertFalse(Lexer.announcesCredential("keys"));
    assertFalse(Lexer.announcesCredential("pw"));
    // after such a word: a digit, a symbol or an inner capital makes a credential
    assertTrue(Lexer.looksLikeCredential("abc1"));
    assertTrue(Lexer.looksLikeCredential("abcD"));
    assertTrue(Lexer.looksLikeCredential("ab-c"));
    assertFalse(Lexer.looksLikeCredential("Abcd"));
    assertFalse(Lexer.looksLikeCredential("authentication"));
    assertFalse(Lexer.looksLikeCredential("ab1"));
    assertFalse(Lexer.looksLikeCredential("ab1."));
    assertTrue(Lexer.looksLikeCredential("abc1!"));
    assertFalse(Lexer.looksLikeCredential("abcdefghijklmnopqrs"));
    assertTrue(Lexer.looksLikeCredential("abcdefghijklmnopqrst"));
    assertFalse(Lexer.looksLikeCredential("abcdefghijklmnopqrs:"));
    assertFalse(Lexer.looksLikeCredential("...."));
    // the first and last letters of each case are letters, not symbols
    assertFalse(Lexer.looksLikeCredential("zzzz"));
    assertFalse(Lexer.looksLikeCredential("Zaaa"));
    assertFalse(Lexer.looksLikeCredential("Azzz"));
  }

  @Test
  void fillersLiteralsAndProse() {
    for (String w : new String[] {"is", "was", "set", "to"}) {
      assertTrue(Lexer.isFiller(w), w);
    }
    assertFalse(Lexer.isFiller("be"));
    assertTrue(Lexer.isLiteralValue("required"));
    assertTrue(Lexer.isLiteralValue("NULL"));
    assertTrue(Lexer.isLiteralValue("***"));
    assertFalse(Lexer.isLiteralValue("requires"));
    assertFalse(Lexer.isLiteralValue("hunter2"));
    assertTrue(Lexer.isProse("parameter"));
    assertTrue(Lexer.isProse("required."));
    assertTrue(Lexer.isProse("The"));
    assertFalse(Lexer.isProse("parameters"));
    assertFalse(Lexer.isProse("hunter2"));
    assertTrue(Lexer.announcesValue("received:"));
    assertTrue(Lexer.announcesValue("Got"));
    assertFalse(Lexer.announcesValue("receive"));
  }

  @Test
  void passwordShape_6To64Characters_digitAndBothCasesOrASymbol_noPathPunctuation() {
    assertTrue(Lexer.looksLikePassword("Hunte2"));
    assertFalse(Lexer.looksLikePassword("Hunt2"));
    assertTrue(Lexer.looksLikePassword("A1" + "b".repeat(62)));
    assertFalse(Lexer.looksLikePassword("A1" + "b".repeat(63)));
    assertFalse(Lexer.looksLikePassword("hunter2"));
    assertFalse(Lexer.looksLikePassword("HUNTER2"));
    assertFalse(Lexer.looksLikePassword("Hunterr"));
    assertTrue(Lexer.looksLikePassword("hunter2!"));
    assertTrue(Lexer.looksLikePassword("HUNTER2~"));
    assertFalse(Lexer.looksLikePassword("123456!"));
    for (char c : "/.:\\@".toCharArray()) {
      assertFalse(Lexer.looksLikePassword("Hunter2" + c), "with " + c);
    }
    for (char c : "!#$%^&*+?~".toCharArray()) {
      assertTrue(Lexer.looksLikePassword("hunter2" + c), "with " + c);
    }
    assertFalse(Lexer.looksLikePassword("hunter2-"));
    assertTrue(Lexer.looksLikePassword("aaaaa1!"));
    assertTrue(Lexer.looksLikePassword("zzzzz1!"));
    assertTrue(Lexer.looksLikePassword("AAAAA1!"));
    assertTrue(Lexer.looksLikePassword("ZZZZZ1!"));
  }

  @Test
  void optionWords_withOrWithoutPluralAndColon() {
    assertTrue(Lexer.isOptionWord("argument", 0, 8));
    assertTrue(Lexer.isOptionWord("x Options: y", 2, 10));
    assertTrue(Lexer.isOptionWord("flag:", 0, 5));
    assertTrue(Lexer.isOptionWord("PARAMETER", 0, 9));
    assertFalse(Lexer.isOptionWord("flagx", 0, 5));
    assertFalse(Lexer.isOptionWord("optio", 0, 5));
    assertFalse(Lexer.isOptionWord("argumen", 0, 7));
    assertFalse(Lexer.isOptionWord("paramete", 0, 8));
    assertFalse(Lexer.isOptionWord("::", 0, 2));
  }

  @Test
  void punctuationSentencesAndBlankLines() {
    assertEquals("set", Lexer.withoutTrailingPunctuation("set.,:;!?"));
    assertEquals("", Lexer.withoutTrailingPunctuation("..."));
    String same = "word";
    assertTrue(same == Lexer.withoutTrailingPunctuation(same));
    assertTrue(Lexer.endsSentence("set."));
    assertTrue(Lexer.endsSentence("failed!"));
    assertTrue(Lexer.endsSentence("why?"));
    assertFalse(Lexer.endsSentence("."));
    assertFalse(Lexer.endsSentence("set,"));
    assertTrue(Lexer.hasBlankLine("a\n\nb", 0, 4));
    assertFalse(Lexer.hasBlankLine("a\n\nb", 0, 2));
    assertFalse(Lexer.hasBlankLine("a\nb", 0, 3));
  }

  @Test
  void typeNames_areDottedSegmentsStartingWithALetter() {
    assertTrue(Lexer.isTypeName("System.Int32"));
    assertTrue(Lexer.isTypeName("java.lang.Integer,"));
    assertFalse(Lexer.isTypeName("Integer"));
    assertFalse(Lexer.isTypeName("java..lang"));
    assertFalse(Lexer.isTypeName(".java"));
    assertFalse(Lexer.isTypeName("java.1lang"));
    assertFalse(Lexer.isTypeName("java.la-ng"));
    assertFalse(Lexer.isTypeName("1.2"));
  }

  @Test
  void listSeparators_areOneCommaAmongQuotesSpacesAndBackslashes() {
    assertTrue(Lexer.isListSeparator("\", \"", 0, 4));
    assertTrue(Lexer.isListSeparator("\\\",\\\"", 0, 5));
    assertFalse(Lexer.isListSeparator("\",,\"", 0, 4));
    assertFalse(Lexer.isListSeparator("\" \"", 0, 3));
    assertFalse(Lexer.isListSeparator("\",x\"", 0, 4));
    assertTrue(Lexer.startsListSeparator("\"a\", \"b\"", 2));
    assertFalse(Lexer.startsListSeparator("\"a\", b", 2));
    assertFalse(Lexer.startsListSeparator("\"a\", \"", 2));
    assertFalse(Lexer.startsListSeparator("ab", 1));
    assertTrue(Lexer.isAuthScheme("AWS4-HMAC-SHA256"));
    assertTrue(Lexer.isAuthScheme("ntlm"));
    assertFalse(Lexer.isAuthScheme("oauth"));
  }
}
