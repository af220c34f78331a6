package org.vendorwatch.platform.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.vendorwatch.platform.graphql.ApiException;

/** One keyset gives the order, the after-condition and the cursors; each typed key round-trips. */
class KeysetTest {

    private static final Field<LocalDate> DAY = DSL.field(DSL.name("t", "day"), LocalDate.class);
    private static final Field<OffsetDateTime> AT = DSL.field(DSL.name("t", "at"), OffsetDateTime.class);
    private static final Field<String> NAME = DSL.field(DSL.name("t", "name"), String.class);
    private static final Field<Long> ID = DSL.field(DSL.name("t", "id"), Long.class);

    private static String sql(org.jooq.QueryPart part) {
        return DSL.using(SQLDialect.POSTGRES).renderInlined(part);
    }

    @Test
    void orderAndAfterFollowTheDirection() {
        Keyset newest = Keyset.descending("things", DAY, ID);
        assertThat(newest.order())
                .extracting(Object::toString)
                .containsExactly("\"t\".\"day\" desc", "\"t\".\"id\" desc");
        Cursor c = newest.decode(newest.cursor(LocalDate.of(2021, 11, 3), 42L).encode());
        assertThat(sql(newest.after(c))).isEqualTo("(\"t\".\"day\", \"t\".\"id\") < (date '2021-11-03', 42)");
        assertThat(sql(newest.after(null))).isEqualTo("true");

        Keyset byName = Keyset.ascending("names", NAME, ID);
        Cursor n = byName.decode(byName.cursor("o'brien\tand 100%", 7L).encode());
        assertThat(sql(byName.after(n))).isEqualTo("(\"t\".\"name\", \"t\".\"id\") > ('o''brien\tand 100%', 7)");
    }

    @Test
    void timestampsAreCursorValuesInUtc() {
        Keyset recent = Keyset.descending("recent", AT, ID);
        OffsetDateTime at = OffsetDateTime.of(2024, 3, 1, 12, 30, 15, 123_000_000, ZoneOffset.ofHours(2));
        Cursor c = recent.decode(recent.cursor(at, 1L).encode());
        assertThat(c.value(0)).isEqualTo("2024-03-01T10:30:15.123Z");
        assertThat(c.timeValue(0).toInstant()).isEqualTo(at.toInstant());
    }

    @Test
    void refusesAnotherListsCursorAndTheWrongArity() {
        Keyset a = Keyset.descending("a", DAY, ID);
        String other = Keyset.descending("b", DAY, ID)
                .cursor(LocalDate.of(2020, 1, 1), 1L)
                .encode();
        assertThatThrownBy(() -> a.decode(other)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> a.cursor(LocalDate.of(2020, 1, 1))).isInstanceOf(IllegalArgumentException.class);
        // a cursor that decodes but holds the wrong type for a key is refused when it is used
        String forged = new Cursor("a", java.util.List.of("not-a-day", "1")).encode();
        assertThatThrownBy(() -> a.after(a.decode(forged))).isInstanceOf(ApiException.class);
    }

    @Test
    void keysAreTypesACursorCanCarryAndNullsRoundTrip() {
        assertThatThrownBy(() -> Keyset.ascending("counts", DSL.field(DSL.name("t", "n"), Integer.class), ID))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Integer");
        Keyset byName = Keyset.ascending("names", NAME, ID);
        Cursor c = byName.decode(byName.cursor(null, 3L).encode());
        assertThat(c.values()).containsExactly(null, "3");
    }
}
