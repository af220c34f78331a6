package org.vendorwatch.platform.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vendorwatch.platform.graphql.ApiException;
import org.vendorwatch.platform.graphql.ErrorCode;

/** Cursors round-trip any value and refuse anything they did not issue, with INVALID_CURSOR. */
class CursorTest {

    @Test
    void roundTripsValuesWithSeparatorsEscapesAndNulls() {
        List<String> values = Arrays.asList("a\tb", "100%", "%09 literally", "\u0000", null, "", "Ünïcødé ✓");
        Cursor c = new Cursor("vendors:NAME:ASC", values);
        Cursor back = Cursor.decode(c.encode(), "vendors:NAME:ASC", values.size());
        assertThat(back.values()).isEqualTo(values);
        assertThat(c.encode()).matches("[A-Za-z0-9_-]+"); // base64url, no padding: safe in a URL
    }

    @Test
    void typedValues() {
        Cursor c = Cursor.decode(new Cursor("s", List.of("42", "2021-11-03", "2021-11-03T10:15:30Z")).encode(), "s", 3);
        assertThat(c.longValue(0)).isEqualTo(42L);
        assertThat(c.dateValue(1)).hasToString("2021-11-03");
        assertThat(c.timeValue(2).toInstant()).hasToString("2021-11-03T10:15:30Z");
        assertThat(Cursor.decode(null, "s", 3)).isNull();
    }

    @Test
    void refusesWhatItDidNotIssue() {
        String good = new Cursor("allegations", List.of("2021-01-01", "7")).encode();
        for (String bad : List.of(
                "",
                "!!!",
                "bm90LWEtY3Vyc29y",
                good + "x",
                "a".repeat(1001),
                new Cursor("sanctionActions", List.of("2021-01-01", "7")).encode(), // another list's cursor
                new Cursor("allegations", List.of("7")).encode())) { // wrong arity
            assertThatThrownBy(() -> Cursor.decode(bad, "allegations", 2))
                    .isInstanceOf(ApiException.class)
                    .extracting(e -> ((ApiException) e).code())
                    .isEqualTo(ErrorCode.INVALID_CURSOR);
        }
        // at the length limit it is still read (and then refused only for what it says)
        String forged = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("allegations\tnot-a-date\tx").getBytes(StandardCharsets.UTF_8));
        Cursor c = Cursor.decode(forged, "allegations", 2);
        assertThatThrownBy(() -> c.dateValue(0)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> c.longValue(1)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> c.timeValue(0)).isInstanceOf(ApiException.class);
    }

    @Test
    void pageSizesAtAndPastTheLimit() {
        assertThat(PageArgs.of(null, null).first()).isEqualTo(PageArgs.DEFAULT);
        assertThat(PageArgs.of(1, null).first()).isEqualTo(1);
        assertThat(PageArgs.of(PageArgs.MAX, "c").first()).isEqualTo(PageArgs.MAX);
        for (int bad : new int[] {0, -1, PageArgs.MAX + 1, Integer.MAX_VALUE}) {
            assertThatThrownBy(() -> PageArgs.of(bad, null))
                    .isInstanceOf(ApiException.class)
                    .extracting(e -> ((ApiException) e).code())
                    .isEqualTo(ErrorCode.PAGE_SIZE);
        }
    }
}
