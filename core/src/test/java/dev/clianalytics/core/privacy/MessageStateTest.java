package dev.clianalytics.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The state {@link MessageRedactor} keeps between words (docs/privacy.md), on the edges of each
 * rule: a secret's name hidden inside a quoted value, quotes of every kind around a value named
 * after it, text that starts or ends on a delimiter, the end of a flag's clause, and paths and
 * values that run past a space or a quote. Each case is one rule; most have the counterpart that
 * must stay.
 */
class MessageStateTest {
  private static void redacts(String message, String expected) {
    assertEquals(expected, ErrorText.errorMessage(message), message);
  }

  @Test
  void aSecretsNameInsideAHiddenQuotedValue_hidesTheValueAfterIt() {
    // the quote that seemed to end the first value opened the second
    redacts("password='x PGPASSWORD='y'", "password='<secret>'<secret>'");
    redacts("password='x api_key:'Hunter2x'", "password='<secret>'<secret>'");
    redacts("password='x --token' Hunter2x", "password='<secret>' <secret>");
    // an ordinary name or flag announces nothing
    redacts("password='x PATH='y'", "password='<secret>'y'");
    redacts("password='x --verbose' Hunter2x", "password='<secret>' Hunter2x");
  }

  @Test
  void aValueQuotedBeforeTheSecretFlagItIsFor_isHidden_whateverTheQuotes() {
    redacts("\"abc123\" for \"--token\" flag", "\"<secret>\" for \"--token\" flag");
    redacts("'abc123' for '--token' flag", "'<secret>' for '--token' flag");
    redacts("`abc123` for `--token` flag", "`<secret>` for `--token` flag");
    redacts(
        "\u201cabc123\u201d for \u201c--token\u201d flag",
        "\u201c<secret>\u201d for \u201c--token\u201d flag");
    redacts(
        "\u2018abc123\u2019 for \u2018--token\u2019 flag",
        "\u2018<secret>\u2019 for \u2018--token\u2019 flag");
    // argparse's short and long name together
    redacts("invalid \"abc123\" for -k/--api-key", "invalid \"<secret>\" for -k/--api-key");
  }

  @Test
  void aSecretWordAfterOptionOrArgument_namesAFlag_atTheStartOfTheMessageToo() {
    redacts("Argument: token \"abc123\" is invalid", "Argument: token \"<secret>\" is invalid");
    redacts("flag -token: \"abc123\"", "flag -token: \"<secret>\"");
  }

  @Test
  void theClauseOfASecretFlag_endsAfterTwelveWordsOrABlankLine() {
    redacts(
        "invalid --token: the value has to be one that \"abc123\"",
        "invalid --token: the value has to be one that \"<secret>\"");
    redacts(
        "invalid --token: the value has to be one that your admin gave you in the web console"
            + " under \"settings\"",
        "invalid --token: the value has to be one that your admin gave you in the web console"
            + " under \"settings\"");
    redacts("invalid --token: \"abc123\"", "invalid --token: \"<secret>\"");
    redacts("invalid --token\n\nsee \"docs\" for help", "invalid --token\n\nsee \"docs\" for help");
    redacts("invalid --token\nsee \"abc123\"", "invalid --token\nsee \"<secret>\"");
  }

  @Test
  void messagesThatStartOrEndOnADelimiter() {
    redacts("> mysql -pHunter2 db", "> mysql -p<secret> db");
    redacts("unexpected end of input after \\", "unexpected end of input after \\");
    redacts("count>10 exceeded", "count>10 exceeded");
    redacts("password=\"Hunter2\\", "password=\"<secret>");
    redacts("expected </usr/local/bin", "expected <<path>");
  }

  @Test
  void aSeparatorOtherThanSpacesEndsAFlagsValue() {
    redacts("--token; make build", "--token; make build");
    redacts("--token abc123xyz; make build", "--token <secret>; make build");
  }

  @Test
  void aUserPasswordPair_evenWithAnEmptyUser() {
    redacts("curl -u :s3cret x", "curl -u <secret> x");
    redacts("curl -u alice:s3cret x", "curl -u <secret> x");
  }

  @Test
  void escapedQuotes_endTheValue_andTheNextFieldStays() {
    redacts(
        "{\\\"password\\\":\\\"Hunter2\\\",\\\"user\\\":\\\"bob\\\"}",
        "{\\\"password\\\":\\\"<secret>\\\",\\\"user\\\":\\\"bob\\\"}");
  }

  @Test
  void pathsContinuedAfterOneSpace_andQuotedValuesToTheirClosingQuote() {
    redacts("/Users/john /tmp/x", "<path>");
    redacts("C:\\Users\\john \\tmp\\x", "<path>");
    redacts("/Users/john/a.txt, src/b.txt", "<path>, <path>");
    redacts("/Users/john/a.txt  src/b.txt", "<path>  <path>");
    redacts("open \"/Users/John Smith/My Documents/x.txt\" failed", "open \"<path>\" failed");
    redacts("open '/Users/John Smith/x.txt' failed", "open '<path>' failed");
    redacts("key \"ghp_A1b2C3d4E5f6G7h8 and more\" here", "key \"<secret>\" here");
  }
}
