package org.vendorwatch.platform.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dates known to a day, a month or a year. */
class FuzzyDateTest {

    @Test
    void parsesEachPrecisionAndWritesItBackAsGiven() {
        for (String text : List.of("2021-11-04", "2021-11", "2021", "1800", "2024-02-29")) {
            assertThat(FuzzyDate.parse(text).text()).isEqualTo(text);
        }
        FuzzyDate month = FuzzyDate.parse("2024-02");
        assertThat(month.date()).isEqualTo(LocalDate.of(2024, 2, 1));
        assertThat(month.precisionName()).isEqualTo("MONTH");
        assertThat(month.lastDay()).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(FuzzyDate.parse("2023").lastDay()).isEqualTo(LocalDate.of(2023, 12, 31));
        assertThat(FuzzyDate.parse("2023-05-06").lastDay()).isEqualTo(LocalDate.of(2023, 5, 6));
        assertThat(FuzzyDate.parse(null)).isNull();
    }

    @Test
    void storedFormRoundTrips() {
        assertThat(FuzzyDate.of(LocalDate.of(2019, 5, 1), "MONTH").text()).isEqualTo("2019-05");
        assertThat(FuzzyDate.of(LocalDate.of(2019, 5, 1), null).text()).isEqualTo("2019-05-01"); // no precision: a day
        assertThat(FuzzyDate.of(null, "YEAR")).isNull();
    }

    @Test
    void refusesWhatIsNotADate() {
        for (String bad : List.of(
                "",
                "1799",
                "1799-12-31",
                "2021-13",
                "2021-02-30",
                "21-01-01",
                "2021/01/01",
                "2021-1-1",
                "２０２１",
                "2021-01-01T00:00",
                " 2021")) {
            assertThatThrownBy(() -> FuzzyDate.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(FuzzyDate.parseDay("2021-01-31")).isEqualTo(LocalDate.of(2021, 1, 31));
        assertThatThrownBy(() -> FuzzyDate.parseDay("2021-01")).isInstanceOf(IllegalArgumentException.class);
    }
}
