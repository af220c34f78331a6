package org.vendorwatch.platform.editing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One document, one URL: what normalisation folds together and what it refuses. */
class UrlsTest {

    @Test
    void foldsSpellingsOfOneDocument() {
        String same = "https://www.example.org/Report/2021?id=4";
        for (String spelling : List.of(
                same,
                "HTTPS://WWW.Example.ORG/Report/2021?id=4",
                "https://www.example.org:443/Report/2021?id=4",
                "https://www.example.org/Report/2021?utm_source=x&id=4&fbclid=y#section-2",
                "  https://www.example.org/Report/2021?id=4&gclid=1 ")) {
            assertThat(Urls.normalise(spelling)).as(spelling).isEqualTo(same);
        }
        assertThat(Urls.normalise("http://example.org")).isEqualTo("http://example.org/");
        assertThat(Urls.normalise("http://example.org:8080/a/"))
                .isEqualTo("http://example.org:8080/a/"); // path kept as written
        assertThat(Urls.normalise("https://example.org/a?utm_medium=1")).isEqualTo("https://example.org/a");
    }

    @Test
    void refusesWhatIsNotAnAbsoluteWebAddress() {
        for (String bad : Arrays.asList(
                null,
                "",
                "example.org",
                "/relative",
                "ftp://example.org/",
                "javascript:alert(1)",
                "mailto:a@example.org",
                "https://user:pw@example.org/",
                "https://exa mple.org/",
                "data:text/html,x")) {
            assertThat(Urls.normalise(bad)).as(String.valueOf(bad)).isNull();
        }
    }
}
