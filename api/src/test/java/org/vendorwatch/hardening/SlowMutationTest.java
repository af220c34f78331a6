package org.vendorwatch.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.vendorwatch.support.Api;
import org.vendorwatch.support.EditingSupport;
import org.vendorwatch.support.SlowExecution;
import org.vendorwatch.support.Tokens;

/**
 * A mutation that runs past the time limit is never reported falsely: either the timer answered first
 * (TIMEOUT, saying the change may still complete) or the mutation ended and its real result went out;
 * either way the database holds the change whole, with its audit event, or not at all. The limit is
 * 100 ms and every execution is held 1 s after the operation is known, before any field runs.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "vendorwatch.database.ephemeral=true",
            "vendorwatch.database.name=slowedit",
            "vendorwatch.auth.issuer-uri=" + Tokens.ISSUER,
            "vendorwatch.auth.audience=" + Tokens.AUDIENCE,
            "vendorwatch.limits.rate.enabled=false",
            "vendorwatch.limits.timeout=100ms"
        })
@Import({Api.class, SlowExecution.class})
class SlowMutationTest extends EditingSupport {

    @Test
    void aSlowMutationAnswersTimeoutAndIsWholeOrAbsent() {
        String url = "https://example.org/slow-mutation";
        Api.Response r = as(
                Tokens.editor(),
                "mutation($input: AddSourceInput!) { addSource(input: $input) { source { id } } }",
                Map.of(
                        "input",
                        Map.of(
                                "url",
                                url,
                                "title",
                                "A slow article",
                                "publisher",
                                "Test Press",
                                "kind",
                                "NEWS",
                                "publishedOn",
                                "2024-03")));
        assertThat(r.body()).doesNotContain("Exception");
        int sources = dsl.fetchCount(dsl.selectOne().from("source").where("url = ?", url));
        int audits = dsl.fetchCount(dsl.selectOne()
                .from("audit_event")
                .where("mutation = 'addSource' and record_id in (select id from source where url = ?)", url));
        assertThat(sources).isBetween(0, 1);
        assertThat(audits).isEqualTo(sources);
        if ("TIMEOUT".equals(r.errorCode())) {
            // the timer answered first: the editor is told the change may still have been made
            assertThat(r.body()).contains("may still complete").contains("history");
        } else {
            // the mutation ended past the limit: its real result goes out, never a TIMEOUT for a change made
            assertThat(r.errors().isEmpty()).as(r.body()).isTrue();
            assertThat(sources).isEqualTo(1);
        }
    }
}
