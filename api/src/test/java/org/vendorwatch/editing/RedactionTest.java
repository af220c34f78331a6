package org.vendorwatch.editing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.vendorwatch.audit.TrailSealer;
import org.vendorwatch.audit.TrailVerifier;
import org.vendorwatch.support.Api;
import org.vendorwatch.support.EditingSupport;
import org.vendorwatch.support.EditingTest;
import org.vendorwatch.support.Tokens;
import tools.jackson.databind.JsonNode;

/**
 * A value typed by mistake (here a private phone number) is removed from the record and from its
 * whole public history by a redactor, with a reason that stays public; the audit trail's chain still
 * verifies afterwards. Editors who are not redactors cannot do it.
 */
@EditingTest
class RedactionTest extends EditingSupport {

    static final String PHONE = "+41 79 555 01 23";
    static final String REDACT =
            "mutation($input: RedactValueInput!) { redactValue(input: $input) { recordId field historyEventsRedacted changed userErrors { field message code } } }";

    @Autowired
    DataSource dataSource;

    @Autowired
    TrailSealer sealer;

    private static String redactor() {
        return Tokens.sign(
                Tokens.claims("redactor", List.of("editor", "redactor"), true).build());
    }

    @Test
    void aRedactorRemovesAValueFromTheRecordAndItsHistoryAndTheChainStillVerifies() throws Exception {
        String vendor = edit(
                        "mutation($input: CreateVendorInput!) { createVendor(input: $input) { vendor { id } userErrors { code } } }",
                        Map.of(
                                "slug",
                                "redaction-vendor",
                                "name",
                                "Redaction Vendor",
                                "kind",
                                "COMPANY",
                                "description",
                                "Sells phone implants; its founder's private number is " + PHONE + "."))
                .path("vendor")
                .path("id")
                .asString();
        edit(
                "mutation($input: UpdateVendorInput!) { updateVendor(input: $input) { vendor { id } changed userErrors { code } } }",
                Map.of(
                        "id",
                        vendor,
                        "expectedRevision",
                        1,
                        "description",
                        "Sells phone implants. Private number: " + PHONE,
                        "changeNote",
                        "rephrased"));
        sealer.seal();
        Map<String, Object> input =
                Map.of("id", vendor, "field", "description", "reason", "A private phone number, typed by mistake.");

        // an editor is not a redactor: refused, nothing written
        String before = fingerprint();
        Api.Response byEditor = as(Tokens.editor(), REDACT, Map.of("input", input));
        assertThat(byEditor.errorCode()).isEqualTo("FORBIDDEN");
        assertThat(fingerprint()).isEqualTo(before);
        // fields that are not free text are corrected, not redacted
        for (String field : List.of("slug", "kind", "nonsense", "id")) {
            JsonNode refused = as(
                            redactor(), REDACT, Map.of("input", Map.of("id", vendor, "field", field, "reason", "x")))
                    .ok()
                    .path("redactValue");
            assertThat(refused.path("userErrors").findValuesAsString("code"))
                    .as(field)
                    .containsExactly("INVALID_VALUE");
        }

        JsonNode done = as(redactor(), REDACT, Map.of("input", input)).ok().path("redactValue");
        assertThat(done.path("changed").asBoolean()).as(done.toString()).isTrue();
        assertThat(done.path("historyEventsRedacted").asInt())
                .as("the creation, the correction and the redaction itself")
                .isEqualTo(3);

        // the public sees "[redacted]" and the reason, and the number nowhere
        Api.Response read = api.query(
                "query($id: ID!) { node(id: $id) { ... on Vendor { description history(first: 20) { edges { node { "
                        + "operation reason changedFields before after actor { pseudonym } } } } } } }",
                Map.of("id", vendor));
        JsonNode v = read.ok().path("node");
        assertThat(v.path("description").asString()).isEqualTo("[redacted]");
        JsonNode redaction = v.path("history").path("edges").path(0).path("node");
        assertThat(redaction.path("operation").asString()).isEqualTo("REDACT");
        assertThat(redaction.path("reason").asString()).isEqualTo("A private phone number, typed by mistake.");
        assertThat(read.body()).doesNotContain(PHONE).doesNotContain("555 01 23");
        assertThat(api.query(
                                "{ recentChanges(first: 100) { edges { node { before after } } } changes(first: 100) { edges { node { values } } } }")
                        .body())
                .doesNotContain("555 01 23");
        try (Connection c = dataSource.getConnection();
                var st = c.createStatement();
                var rs = st.executeQuery(
                        "select count(*) from audit_event where before::text like '%555 01 23%' or after::text like '%555 01 23%'")) {
            rs.next();
            assertThat(rs.getInt(1)).as("no copy left in the trail").isZero();
        }
        // again: nothing left to redact
        assertThat(as(redactor(), REDACT, Map.of("input", input))
                        .ok()
                        .path("redactValue")
                        .path("userErrors")
                        .findValuesAsString("code"))
                .containsExactly("ALREADY_REDACTED");

        // the chain, sealed before and after, verifies
        sealer.seal();
        try (Connection c = dataSource.getConnection()) {
            TrailVerifier.Result r = TrailVerifier.verify(c);
            assertThat(r.intact()).as(String.valueOf(r.firstBreak())).isTrue();
        }
    }

    @Test
    void aWithdrawnRecordsValueAndAnEditorsReasonCanBeRedactedAndAFormattedFieldIsRefused() throws Exception {
        String source = newSource("https://example.org/redaction-withdrawn");
        String vendor = edit(
                        "mutation($input: CreateVendorInput!) { createVendor(input: $input) { vendor { id } userErrors { code } } }",
                        Map.of(
                                "slug",
                                "redaction-withdrawn",
                                "name",
                                "Redaction Withdrawn",
                                "kind",
                                "COMPANY",
                                "website",
                                "https://example.org/x"))
                .path("vendor")
                .path("id")
                .asString();
        // a formatted field cannot hold "[redacted]": refused with a user error, not an internal one
        JsonNode website = as(
                        redactor(), REDACT, Map.of("input", Map.of("id", vendor, "field", "website", "reason", "test")))
                .ok()
                .path("redactValue");
        assertThat(website.path("userErrors").findValuesAsString("code")).containsExactly("INVALID_VALUE");

        // a name with a private number in its note, then withdrawn: the number is in the withdrawn record and its
        // history
        String name = edit(
                        "mutation($input: AddVendorNameInput!) { addVendorName(input: $input) { name { id } userErrors { code } } }",
                        Map.of(
                                "vendorId",
                                vendor,
                                "name",
                                "Private Alias",
                                "kind",
                                "AKA",
                                "confidence",
                                "LOW",
                                "note",
                                "call " + PHONE,
                                "sources",
                                List.of(cite(source))))
                .path("name")
                .path("id")
                .asString();
        edit(
                "mutation($input: WithdrawRecordInput!) { withdrawRecord(input: $input) { withdrawn { id } userErrors { code } } }",
                Map.of("id", name, "expectedRevision", 1, "reason", "Entered in error."));
        JsonNode done = as(
                        redactor(),
                        REDACT,
                        Map.of("input", Map.of("id", name, "field", "note", "reason", "A private number.")))
                .ok()
                .path("redactValue");
        assertThat(done.path("changed").asBoolean()).as(done.toString()).isTrue();
        Api.Response withdrawn = api.query(
                "query($id: ID!) { node(id: $id) { ... on WithdrawnRecord { record history { edges { node { operation before after } } } } } }",
                Map.of("id", name));
        assertThat(withdrawn.ok().path("node").path("record").path("note").asString())
                .isEqualTo("[redacted]");
        assertThat(withdrawn.body()).doesNotContain("555 01 23");

        // an editor's reason that held the number
        edit(
                "mutation($input: UpdateVendorInput!) { updateVendor(input: $input) { vendor { id } changed userErrors { code } } }",
                Map.of(
                        "id",
                        vendor,
                        "expectedRevision",
                        1,
                        "description",
                        "Corrected.",
                        "changeNote",
                        "as the founder said on " + PHONE));
        String event = null;
        for (JsonNode e : api.query(
                        "query($id: ID!) { node(id: $id) { ... on Vendor { history { edges { node { id reason } } } } } }",
                        Map.of("id", vendor))
                .ok()
                .path("node")
                .path("history")
                .path("edges")) {
            if (e.path("node").path("reason").asString().contains("555 01 23")) {
                event = e.path("node").path("id").asString();
            }
        }
        assertThat(event).isNotNull();
        JsonNode reason = as(
                        redactor(),
                        REDACT,
                        Map.of(
                                "input",
                                Map.of("id", event, "field", "reason", "reason", "A private number in a note.")))
                .ok()
                .path("redactValue");
        assertThat(reason.path("changed").asBoolean()).as(reason.toString()).isTrue();
        assertThat(api.query(
                                "query($id: ID!) { node(id: $id) { ... on Vendor { history { edges { node { reason } } } } } }",
                                Map.of("id", vendor))
                        .body())
                .doesNotContain("555 01 23")
                .contains("[redacted]");

        sealer.seal();
        try (Connection c = dataSource.getConnection()) {
            TrailVerifier.Result r = TrailVerifier.verify(c);
            assertThat(r.intact()).as(String.valueOf(r.firstBreak())).isTrue();
        }
    }
}
