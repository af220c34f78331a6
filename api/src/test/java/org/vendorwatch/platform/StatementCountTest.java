package org.vendorwatch.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vendorwatch.db.Tables.ALLEGATION;
import static org.vendorwatch.db.Tables.ALLEGATION_VENDOR;
import static org.vendorwatch.db.Tables.CITATION;
import static org.vendorwatch.db.Tables.SANCTION_ACTION;
import static org.vendorwatch.db.Tables.SANCTION_EVENT;
import static org.vendorwatch.db.Tables.SOURCE;
import static org.vendorwatch.db.Tables.VENDOR;
import static org.vendorwatch.db.Tables.VENDOR_JURISDICTION;
import static org.vendorwatch.db.Tables.VENDOR_NAME;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.vendorwatch.support.Api;
import tools.jackson.databind.JsonNode;

/**
 * No N+1: the number of SQL statements a request runs does not grow with the rows it returns. A
 * database of its own holds 150 extra vendors, each with names, a country, a sanction action,
 * allegations and citations; the newsroom list query runs for 1 and for 100 vendors.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "vendorwatch.database.ephemeral=true",
            "vendorwatch.database.name=statement_count",
            "vendorwatch.limits.rate.enabled=false",
            // the trail sealer runs on its own clock; a seal landing inside a measured request would count
            "vendorwatch.audit.sealing=false"
        })
@Import({Api.class, StatementCountTest.Counting.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatementCountTest {

    static final AtomicInteger STATEMENTS = new AtomicInteger();

    @TestConfiguration
    static class Counting {
        @Bean
        DefaultExecuteListenerProvider countingListener() {
            return new DefaultExecuteListenerProvider(new ExecuteListener() {
                @Override
                public void executeStart(ExecuteContext ctx) {
                    STATEMENTS.incrementAndGet();
                }
            });
        }
    }

    @Autowired
    Api api;

    @Autowired
    DSLContext dsl;

    @BeforeAll
    void manyVendors() {
        // one transaction: claims and their citations commit together (the database checks every claim is sourced)
        dsl.transaction(tx -> manyVendors(tx.dsl()));
    }

    private static void manyVendors(DSLContext dsl) {
        long source = dsl.insertInto(SOURCE)
                .set(SOURCE.URL, "https://example.org/statement-count-test")
                .set(SOURCE.TITLE, "Synthetic source")
                .set(SOURCE.PUBLISHER, "Test")
                .set(SOURCE.KIND, "NEWS")
                .set(SOURCE.ACCESS, "SEEN")
                .returning(SOURCE.ID)
                .fetchSingle(SOURCE.ID);
        long event = dsl.insertInto(SANCTION_EVENT)
                .set(SANCTION_EVENT.AUTHORITY_CODE, "US_BIS")
                .set(SANCTION_EVENT.PROGRAM_CODE, "US_ENTITY_LIST")
                .set(SANCTION_EVENT.ACTION_TYPE, "LISTED")
                .set(SANCTION_EVENT.EFFECTIVE_ON, LocalDate.of(2020, 1, 1))
                .set(SANCTION_EVENT.EFFECTIVE_PRECISION, "DAY")
                .set(SANCTION_EVENT.CONFIDENCE, "HIGH")
                .returning(SANCTION_EVENT.ID)
                .fetchSingle(SANCTION_EVENT.ID);
        dsl.insertInto(CITATION)
                .set(CITATION.SOURCE_ID, source)
                .set(CITATION.SANCTION_EVENT_ID, event)
                .set(CITATION.CONFIDENCE, "HIGH")
                .execute();
        for (int i = 0; i < 150; i++) {
            long v = dsl.insertInto(VENDOR)
                    .set(VENDOR.SLUG, "aaa-synthetic-" + i)
                    .set(VENDOR.NAME, "AAA Synthetic " + i)
                    .set(VENDOR.KIND, "COMPANY")
                    .returning(VENDOR.ID)
                    .fetchSingle(VENDOR.ID);
            for (String kind : new String[] {"AKA", "FORMER_NAME"}) {
                long n = dsl.insertInto(VENDOR_NAME)
                        .set(VENDOR_NAME.VENDOR_ID, v)
                        .set(VENDOR_NAME.NAME, kind + " name " + i)
                        .set(VENDOR_NAME.KIND, kind)
                        .set(VENDOR_NAME.CONFIDENCE, "MEDIUM")
                        .returning(VENDOR_NAME.ID)
                        .fetchSingle(VENDOR_NAME.ID);
                dsl.insertInto(CITATION)
                        .set(CITATION.SOURCE_ID, source)
                        .set(CITATION.VENDOR_NAME_ID, n)
                        .set(CITATION.CONFIDENCE, "MEDIUM")
                        .execute();
            }
            long j = dsl.insertInto(VENDOR_JURISDICTION)
                    .set(VENDOR_JURISDICTION.VENDOR_ID, v)
                    .set(VENDOR_JURISDICTION.COUNTRY_CODE, "IL")
                    .set(VENDOR_JURISDICTION.ROLE, "HEADQUARTERS")
                    .set(VENDOR_JURISDICTION.CONFIDENCE, "MEDIUM")
                    .returning(VENDOR_JURISDICTION.ID)
                    .fetchSingle(VENDOR_JURISDICTION.ID);
            dsl.insertInto(CITATION)
                    .set(CITATION.SOURCE_ID, source)
                    .set(CITATION.VENDOR_JURISDICTION_ID, j)
                    .set(CITATION.CONFIDENCE, "MEDIUM")
                    .execute();
            long a = dsl.insertInto(SANCTION_ACTION)
                    .set(SANCTION_ACTION.EVENT_ID, event)
                    .set(SANCTION_ACTION.VENDOR_ID, v)
                    .set(SANCTION_ACTION.CONFIDENCE, "HIGH")
                    .returning(SANCTION_ACTION.ID)
                    .fetchSingle(SANCTION_ACTION.ID);
            dsl.insertInto(CITATION)
                    .set(CITATION.SOURCE_ID, source)
                    .set(CITATION.SANCTION_ACTION_ID, a)
                    .set(CITATION.CONFIDENCE, "HIGH")
                    .execute();
            for (int k = 0; k < 7; k++) {
                long al = dsl.insertInto(ALLEGATION)
                        .set(ALLEGATION.VENDOR_ID, v)
                        .set(ALLEGATION.TITLE, "Allegation " + k)
                        .set(ALLEGATION.SUMMARY, "Synthetic")
                        .set(ALLEGATION.CATEGORY, "OTHER")
                        .set(
                                ALLEGATION.FIRST_REPORTED_ON,
                                LocalDate.of(2020, 1, 1).plusDays(k))
                        .set(ALLEGATION.FIRST_REPORTED_PRECISION, "DAY")
                        .set(ALLEGATION.CONFIDENCE, "MEDIUM")
                        .returning(ALLEGATION.ID)
                        .fetchSingle(ALLEGATION.ID);
                dsl.insertInto(ALLEGATION_VENDOR)
                        .set(ALLEGATION_VENDOR.ALLEGATION_ID, al)
                        .set(ALLEGATION_VENDOR.VENDOR_ID, v)
                        .execute();
                dsl.insertInto(CITATION)
                        .set(CITATION.SOURCE_ID, source)
                        .set(CITATION.ALLEGATION_ID, al)
                        .set(CITATION.CONFIDENCE, "MEDIUM")
                        .execute();
            }
        }
    }

    private int statementsFor(int first) {
        STATEMENTS.set(0);
        JsonNode vendors =
                api.document("newsroomList", Map.of("first", first)).ok().path("vendors");
        int count = STATEMENTS.get();
        assertThat(vendors.path("edges").size()).isEqualTo(first);
        // the page really carries nested rows, so a per-row query would show
        JsonNode last = vendors.path("edges").path(first - 1).path("node");
        assertThat(last.path("names").size()).isGreaterThan(0);
        assertThat(last.path("allegations").path("edges").size()).isEqualTo(5);
        assertThat(last.path("allegations").path("totalCount").asInt()).isEqualTo(7);
        assertThat(last.path("sanctionActions")
                        .path("edges")
                        .path(0)
                        .path("node")
                        .path("sources")
                        .size())
                .isEqualTo(1);
        return count;
    }

    @Test
    void statementCountDoesNotGrowWithPageSize() {
        statementsFor(1); // warm-up
        int one = statementsFor(1);
        int hundred = statementsFor(100);
        System.out.printf("statements: first=1 -> %d, first=100 -> %d%n", one, hundred);
        assertThat(hundred).isEqualTo(one);
        assertThat(one).isLessThan(20);
    }
}
