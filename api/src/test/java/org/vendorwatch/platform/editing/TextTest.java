package org.vendorwatch.platform.editing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What text may be stored, and in which form: pure functions, no service needed. */
class TextTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Acme\u202eX",
                "Acme\u200bX",
                "\ufeffAcme",
                "Acme\u0085X",
                "Acme\u2028X",
                "Acme\nX",
                "Acme\u0000X",
                "Acme\u200dX",
                "Acme\u2066X\u2069",
                "Acme\ud800X",
                "Acme\ue000X"
            })
    void namesRefuseInvisibleBidirectionalControlAndSeparatorCharacters(String name) {
        Text.Checked c = Text.check(name, Text.Kind.NAME, 300);
        assertThat(c.value()).isNull();
        assertThat(c.code()).isEqualTo("INVALID_CHARACTER");
        assertThat(c.problem()).contains("U+").contains("character ");
    }

    @Test
    void proseKeepsLineBreaksButRefusesBidirectionalOverrides() {
        assertThat(Text.check("Line one.\r\nLine two.\tTabbed.", Text.Kind.PROSE, 100)
                        .value())
                .isEqualTo("Line one.\nLine two.\tTabbed.");
        assertThat(Text.check("Innocent \u202etxt.exe", Text.Kind.PROSE, 100).code())
                .isEqualTo("INVALID_CHARACTER");
        // a joiner is part of some scripts' words: allowed in free text, not in names
        assertThat(Text.check("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", Text.Kind.PROSE, 100)
                        .value())
                .contains("\u200c");
    }

    @Test
    void textIsNfcAndSpacesAreNormalisedInOneLine() {
        assertThat(Text.check("Cafe\u0301", Text.Kind.NAME, 300).value()).isEqualTo("Caf\u00e9");
        assertThat(Text.check("  Acme\u00a0\u00a0 Ltd.\u2003", Text.Kind.NAME, 300)
                        .value())
                .isEqualTo("Acme Ltd.");
        assertThat(Text.check("\u00a0\u2003 ", Text.Kind.NAME, 300).value()).isEmpty();
    }

    @Test
    void lengthsCountCharactersNotUtf16Units() {
        String emoji = "\ud83d\ude00";
        assertThat(Text.check(emoji.repeat(300), Text.Kind.NAME, 300).value()).hasSize(600);
        Text.Checked tooLong = Text.check(emoji.repeat(301), Text.Kind.NAME, 300);
        assertThat(tooLong.code()).isEqualTo("TOO_LONG");
        assertThat(tooLong.problem()).contains("at most 300 characters (has 301)");
    }

    @Test
    void duplicatesCompareNormalisedAndCaseFolded() {
        assertThat(Text.fold("CAFE\u0301 Ltd")).isEqualTo(Text.fold("caf\u00e9 ltd"));
        assertThat(Text.fold("\uff21cme")).isEqualTo(Text.fold("Acme")); // a full-width letter is the same letter
    }

    @Test
    void charactersBeyondTheBasicPlaneAreText() {
        // code points whose low 16 bits look like surrogates (CJK Extension F, Latin Extended-G) are ordinary letters
        for (int cp : new int[] {0x2D800, 0x1DF00, 0x1D800, 0x20BB7}) {
            String name = "\u738b" + new String(Character.toChars(cp));
            assertThat(Text.check(name, Text.Kind.NAME, 300).value())
                    .as(Integer.toHexString(cp))
                    .isEqualTo(name);
        }
        // a lone surrogate is still refused
        assertThat(Text.check("A\udc00B", Text.Kind.NAME, 300).code()).isEqualTo("INVALID_CHARACTER");
    }
}
