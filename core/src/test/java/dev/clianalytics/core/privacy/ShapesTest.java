package dev.clianalytics.core.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The shape tests of the privacy rules (docs/privacy.md) on their boundaries: the first and last
 * character of each class, lengths one below, at and above each limit, and ranges inside a longer
 * string so that an off-by-one in {@code from} or {@code to} shows.
 */
class ShapesTest {
  @Test
  void characterClasses_includeTheirEndsAndExcludeTheirNeighbours() {
    assertTrue(Shapes.isDigit('0') && Shapes.isDigit('9'));
    assertFalse(Shapes.isDigit('/') || Shapes.isDigit(':'));
    assertTrue(Shapes.isLetter('a') && Shapes.isLetter('z'));
    assertTrue(Shapes.isLetter('A') && Shapes.isLetter('Z'));
    assertFalse(Shapes.isLetter('`') || Shapes.isLetter('{'));
    assertFalse(Shapes.isLetter('@') || Shapes.isLetter('['));
    assertTrue(Shapes.isAlnum('7') && Shapes.isAlnum('q') && !Shapes.isAlnum('-'));
    assertTrue(Shapes.isHexChar('a') && Shapes.isHexChar('f'));
    assertTrue(Shapes.isHexChar('A') && Shapes.isHexChar('F') && Shapes.isHexChar('0'));
    assertFalse(Shapes.isHexChar('g') || Shapes.isHexChar('G'));
    assertFalse(Shapes.isHexChar('`') || Shapes.isHexChar('@') || Shapes.isHexChar(':'));
  }

  @Test
  void isHex_needsOnlyHexDigits_andAtLeastTheMinimumLength() {
    assertTrue(Shapes.isHex("x0af9Ex", 1, 6, 5));
    assertFalse(Shapes.isHex("x0af9Ex", 1, 6, 6));
    assertFalse(Shapes.isHex("x0ag9Ex", 1, 6, 5));
    // the characters outside the range do not count
    assertTrue(Shapes.isHex("zzabczz", 2, 5, 3));
    assertFalse(Shapes.isHex("abcz", 0, 4, 1));
  }

  @Test
  void digitTests_lookOnlyInsideTheRange() {
    assertTrue(Shapes.hasDigit("ab1", 0, 3));
    assertFalse(Shapes.hasDigit("1ab2", 1, 3));
    assertFalse(Shapes.allDigits("123", 1, 1));
    assertTrue(Shapes.allDigits("a123b", 1, 4));
    assertFalse(Shapes.allDigits("a123b", 1, 5));
    assertFalse(Shapes.allDigits("a123b", 0, 4));
    assertTrue(Shapes.hasDigitRun("a123b", 0, 5, 3));
    assertFalse(Shapes.hasDigitRun("a123b", 0, 5, 4));
    assertFalse(Shapes.hasDigitRun("12a34", 0, 5, 3));
    assertFalse(Shapes.hasDigitRun("1234", 1, 3, 3));
    assertTrue(Shapes.hasDigitRun("x9", 0, 2, 1));
  }

  @Test
  void dottedNumber_needsDigitsAtBothEnds_aDot_andNoEmptyPart() {
    assertTrue(Shapes.isDottedNumber("1.2", 0, 3));
    assertTrue(Shapes.isDottedNumber("v13.0.0.0;", 1, 9));
    assertFalse(Shapes.isDottedNumber("123", 0, 3));
    assertFalse(Shapes.isDottedNumber("1.", 0, 2));
    assertFalse(Shapes.isDottedNumber("1..2", 0, 4));
    assertFalse(Shapes.isDottedNumber("1.a.2", 0, 5));
    assertFalse(Shapes.isDottedNumber(".1.2", 0, 4));
    assertFalse(Shapes.isDottedNumber("1.2.", 0, 4));
    assertFalse(Shapes.isDottedNumber("1-2", 0, 3));
  }

  @Test
  void uuid_isExactly8_4_4_4_12HexDigits() {
    String uuid = "123e4567-E89b-12d3-a456-426614174000";
    assertTrue(Shapes.isUuid(uuid, 0, 36));
    assertTrue(Shapes.isUuid("(" + uuid + ")", 1, 37));
    assertFalse(Shapes.isUuid(uuid + "0", 0, 37));
    assertFalse(Shapes.isUuid(uuid, 0, 35));
    assertFalse(Shapes.isUuid("123e4567-e89b-12d3-a456-42661417400g", 0, 36));
    assertFalse(Shapes.isUuid("123e45678e89b-12d3-a456-426614174000", 0, 36));
    assertFalse(Shapes.isUuid("123e4567-e89b-12d3-a456-4266-4174000", 0, 36));
    assertFalse(Shapes.isUuid("123e4567-e89b-12d3-a4566426614174000-", 0, 36));
  }

  @Test
  void ipv4Length_coversFourPartsUpTo255_andDigitsTypedAfterTheLast() {
    assertEquals(8, Shapes.ipv4Length("10.1.2.3", 0, 8));
    assertEquals(8, Shapes.ipv4Length("10.1.2.3x", 0, 9));
    assertEquals(7, Shapes.ipv4Length("ip=1.2.3.4/24", 3, 13));
    assertEquals(15, Shapes.ipv4Length("255.255.255.255", 0, 15));
    assertEquals(14, Shapes.ipv4Length("10.1.135.83333", 0, 14));
    // the last part stops before it would pass 255, the rest is typed after it
    assertEquals(9, Shapes.ipv4Length("1.2.3.256", 0, 9));
    assertEquals(0, Shapes.ipv4Length("256.1.1.1", 0, 9));
    assertEquals(0, Shapes.ipv4Length("1.256.1.1", 0, 9));
    assertEquals(0, Shapes.ipv4Length("1.1.300.1", 0, 9));
    assertEquals(0, Shapes.ipv4Length("1234.1.1.1", 0, 10));
    assertEquals(0, Shapes.ipv4Length("1.2.3", 0, 5));
    assertEquals(0, Shapes.ipv4Length("1.2.3.", 0, 6));
    assertEquals(0, Shapes.ipv4Length("1.2.3.x", 0, 7));
    assertEquals(0, Shapes.ipv4Length("1.2.3-4", 0, 7));
    // the range ends the address
    assertEquals(0, Shapes.ipv4Length("1.2.3.4", 0, 6));
    assertEquals(7, Shapes.ipv4Length("1.2.3.45", 0, 7));
  }

  @Test
  void ipv6OrMac_needsADoubleColonOrFiveColons_hexGroupsOfAtMostFour_and3To45Characters() {
    assertTrue(Shapes.isIpv6OrMac("::1", 0, 3));
    assertTrue(Shapes.isIpv6OrMac("fe80::1%eth0", 0, 12));
    assertTrue(Shapes.isIpv6OrMac("aa:bb:cc:dd:ee:ff", 0, 17));
    assertFalse(Shapes.isIpv6OrMac("aa:bb:cc:dd:ee", 0, 14));
    assertTrue(Shapes.isIpv6OrMac("2001:db8::ffff:1.2.3.4", 0, 22));
    assertTrue(Shapes.isIpv6OrMac("abcd::1", 0, 7));
    assertFalse(Shapes.isIpv6OrMac("abcde::1", 0, 8));
    assertFalse(Shapes.isIpv6OrMac("ab", 0, 2));
    assertFalse(Shapes.isIpv6OrMac("::", 0, 2));
    assertFalse(Shapes.isIpv6OrMac("g::1", 0, 4));
    assertFalse(Shapes.isIpv6OrMac(":1:", 0, 3));
    String longest = "0000:0000:0000:0000:0000:ffff:255.255.255.255";
    assertEquals(45, longest.length());
    assertTrue(Shapes.isIpv6OrMac(longest, 0, 45));
    String tooLong = "0000:0000:0000:0000:0000:ffff:255.255.255.25.1";
    assertEquals(46, tooLong.length());
    assertFalse(Shapes.isIpv6OrMac(tooLong, 0, 46));
    // a zone is not counted in the length, and the range is all that is read
    assertTrue(Shapes.isIpv6OrMac(longest + "%a", 0, 47));
    assertFalse(Shapes.isIpv6OrMac("x::1", 1, 3));
    assertTrue(Shapes.isIpv6OrMac("x::1", 1, 4));
    assertTrue(Shapes.isIpv6OrMac("x" + longest, 1, 46));
  }

  private static boolean random(String w) {
    return Shapes.looksRandom(w, 0, w.length());
  }

  @Test
  void looksRandom_digitsOnly_fromSixteenCharactersThatAreNotSeparators() {
    assertTrue(random("1234567890123456"));
    assertFalse(random("123456789012345"));
    assertTrue(random("123456789012345-6"));
    assertFalse(random("12345678901234-5"));
    // the range is what counts
    assertFalse(Shapes.looksRandom("x1234567890123456", 0, 16));
    assertTrue(Shapes.looksRandom("x1234567890123456", 1, 17));
  }

  @Test
  void looksRandom_hexWithLettersAndAtLeastTwoDigits_isAHash() {
    assertTrue(random("abcdef0123456789"));
    assertTrue(random("ABCDEF0123456789"));
    assertTrue(random("abcdefabcdefab12"));
    assertFalse(random("abcdefabcdefabc1"));
  }

  @Test
  void looksRandom_oneCase_needsTwentyCharactersNoSeparatorsAndFewVowelsOrAllCapitals() {
    assertTrue(random("BCDFGHJKLMNPQRSTVWXZ"));
    assertFalse(random("BCDFGHJKLMNPQRSTVWX"));
    assertTrue(random("bcdfghjklmnpqrstvwxz"));
    assertFalse(random("abcdefghijklmnopqrst"));
    assertTrue(random("ERRPNPMNOMATCHINGVERSION"));
    assertFalse(random("ERR_PNPM_NO_MATCHING_VERSION"));
    assertTrue(random("JBSWYDPEHPKPXPJBSWYDPQRZ"));
    assertTrue(random("jbswydpehpkpxpjbswydpqrz"));
  }

  @Test
  void looksRandom_mixedCaseAndDigits_switchingOften_butNotCamelCase() {
    assertTrue(random("aB3dE5fG7hJ9kL1mN2pQ"));
    assertTrue(random("bCdFgHjKlMnPqRsTvWxZ"));
    assertTrue(random("JBSWY3DPEHPK3PXPJBSWY3DP"));
    assertTrue(random("PBEWithMD5AndTripleDESCipher"));
    assertFalse(random("getUserById2Name"));
    assertFalse(random("ThisIsAClassName"));
    assertFalse(random("HTTPResponseHandlerFactoryBean"));
    assertFalse(random("xmlHttpRequestFactoryBuilder"));
  }

  @Test
  void looksRandom_rareLetterPairs_withDigits() {
    assertTrue(random("xvyhrxvyhrxvyhr1"));
    assertTrue(random("xvyhrqwzxvkjhgt1"));
    assertFalse(random("gbzaHpjqwxyzTplm"));
  }

  /**
   * Strings that sit on one threshold of the shape rules each (found by searching for inputs on
   * which the rule with that threshold moved by one gives the other answer, with no rare letter
   * pairs to decide instead): a change to any count or limit flips one of them.
   */
  @Test
  void looksRandom_onTheThresholdsOfTheShapeRules() {
    for (String generated :
        new String[] {
          "62UNQMITaDODH2=O-+-W/DZ_s",
          "fEE=jjddJ=lY=dVeXaCwfN/ck",
          "ADNR/WC0ALDvSB=/pQMKE=HSCADU",
          "v.vmo_..vpH8mrssw5i-P-zyb_w_T",
          "9V94519-4_97680753A7",
          "OLY4CBPOOTLDE=YUN9GGV",
          "u-03955520102_912p7733775f02",
          "F1_957-33-H.G-.S_B-_.28W-O.-0-",
          "nuePHAoujwsu8fEO61",
          "ZWFZAQOGMBYOZMLKLGWM",
          "DRDZTQOQM+MFZFARA/IQ+FOZUVFIS",
          "VJLSNVAKEQVQGMKWHUJUOIEECQS",
          "rs-isEwwbhJA=zw=sa/=jekVUdynk",
          "qGya=Z-NRckfdmEcsz6nk-GO",
          "X.sY_C-ksYb-KeE/pi._ST-psF_-lH",
          "r+NvZ.DO/UT_jTPRSbGDIZKO",
        }) {
      assertTrue(random(generated), generated);
    }
    for (String notGenerated :
        new String[] {
          "L7--ZFX-EOL_V_ECV_9OC_N-",
          "6-wnayq.4fAU_IXdcKci--et+r",
          "juom3_Sael17E.iyns.EgbMDVmTr.9",
          "vwitnduixwsspflujszl+",
          "beiwy/=z+wpxkuqtmiay=s+ik",
          "Jh_UIsbK-_zTAGi_L_Uj.-Q6Q--_OF",
          "u/+m+pdrCpf/dipkcp9mnhq+po-odv",
          "eCofGusyoo3EiH-pPjMJn.I_J-B",
        }) {
      assertFalse(random(notGenerated), notGenerated);
    }
  }

  @Test
  void looksRandom_rareLetterPairs_needThreeAndOneInSix_andDigitsOrBothCases() {
    // no digits, one capital: 18 pairs of which exactly 3 rare (xj, oe, bt): 3 * 6 >= 18
    assertTrue(random("Qumbrellaxjoevmsibt"));
    // one pair more (19) and a dash so that the shape rules say no: 3 * 6 < 19
    assertFalse(random("umbrellaxjoevmsibtwa-1"));
    // both cases with only one letter of one case, at each end of the alphabet
    assertTrue(random("QXZJQXZJaQXZJQXZJ"));
    assertTrue(random("QXZJQXZJzQXZJQXZJ"));
    assertTrue(random("qxzjqxzjAqxzjqxzj"));
    assertTrue(random("qxzjqxzjZqxzjqxzj"));
    // one case and no digit: the same pairs are a word-like name
    assertFalse(random("qxzjqxzjqxzjqxzjq"));
    assertFalse(random("QXZJQXZJQXZJQXZJQ"));
    // fewer than 16 characters in the range, however odd its pairs
    assertTrue(random("qzqzqzqzqzqzqzqz1"));
    assertFalse(Shapes.looksRandom("..........qzqzqzqz1", 10, 19));
  }
}
