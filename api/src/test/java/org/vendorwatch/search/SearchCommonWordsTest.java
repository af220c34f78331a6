package org.vendorwatch.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.vendorwatch.support.Api;
import tools.jackson.databind.JsonNode;

/**
 * Names whose every word many shorter names share (as in sanctions lists of people): the whole name
 * typed still finds its record first, and a renamed record's old words no longer take the lexicon's
 * slots. A database of its own holds the extra names.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "vendorwatch.database.ephemeral=true",
            "vendorwatch.database.name=search_common",
            "vendorwatch.limits.rate.enabled=false"
        })
@Import(Api.class)
class SearchCommonWordsTest {

    @Autowired
    Api api;

    @Autowired
    org.vendorwatch.platform.embedded.EmbeddedPostgres pg;

    private JsonNode searchAll(String q) {
        return api.query(
                        "query($q: String!) { searchAll(query: $q, first: 5) { __typename matchedName matchType ... on VendorHit { vendor { slug } } } }",
                        Map.of("q", q))
                .ok()
                .path("searchAll");
    }

    @Test
    void theWholeNameFindsItsRecordHoweverCommonItsWordsAndOldWordsLeaveTheLexicon() throws Exception {
        try (Connection c = pg.connect("search_common", "search_common");
                var st = c.createStatement()) {
            for (int i = 1; i <= 25; i++) {
                for (String word : List.of("alpha", "beta", "gamma")) {
                    st.execute("insert into vendor (slug, name, kind) values ('" + word + "-" + i + "', '" + word + " "
                            + i + "', 'COMPANY')");
                }
            }
            st.execute(
                    "insert into vendor (slug, name, kind) values ('alpha-beta-gamma', 'Alpha Beta Gamma', 'COMPANY')");
        }
        JsonNode hit = searchAll("Alpha Beta Gamma").path(0);
        assertThat(hit.path("vendor").path("slug").asString()).isEqualTo("alpha-beta-gamma");
        assertThat(hit.path("matchType").asString()).isEqualTo("EXACT");

        // a record renamed away from a word: the word leaves the lexicon, its slots go to live words
        try (Connection c = pg.connect("search_common", "search_common");
                var st = c.createStatement()) {
            st.execute("update vendor set name = 'Renamed Zulu' where slug = 'alpha-beta-gamma'");
            try (var rs = st.executeQuery("select count(*) from search_word where word in ('zulu', 'renamed')")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
            st.execute("update vendor set name = 'Renamed Yankee' where slug = 'alpha-beta-gamma'");
            try (var rs = st.executeQuery("select count(*) from search_word where word = 'zulu'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("zulu is no name's word any more").isZero();
            }
        }
        assertThat(searchAll("Renamed Yankee")
                        .path(0)
                        .path("vendor")
                        .path("slug")
                        .asString())
                .isEqualTo("alpha-beta-gamma");
    }
}
