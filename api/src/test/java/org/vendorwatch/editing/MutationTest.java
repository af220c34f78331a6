package org.vendorwatch.editing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.vendorwatch.support.Api;
import org.vendorwatch.support.EditingSupport;
import org.vendorwatch.support.EditingTest;
import org.vendorwatch.support.Tokens;
import tools.jackson.databind.JsonNode;

/** Every kind of record can be written; each validation rule refuses bad input and writes nothing. */
@EditingTest
class MutationTest extends EditingSupport {

    static final String ADD_NAME =
            "mutation($input: AddVendorNameInput!) { addVendorName(input: $input) { name { id name kind revision validFrom validFromPrecision sources { id } } userErrors { field message code } } }";
    static final String ADD_SOURCE =
            "mutation($input: AddSourceInput!) { addSource(input: $input) { source { id url } created userErrors { field message code } } }";
    static final String CREATE =
            "mutation($input: CreateVendorInput!) { createVendor(input: $input) { vendor { id } userErrors { field message code } } }";
    static final String UPDATE =
            "mutation($input: UpdateVendorInput!) { updateVendor(input: $input) { vendor { id name revision } userErrors { field message code } } }";

    @Test
    void sourcesAreNormalisedSoOneDocumentIsOneSource() {
        var first = edit(
                ADD_SOURCE,
                Map.of(
                        "url",
                        "HTTPS://Example.ORG:443/report?id=7&utm_source=x#top",
                        "title",
                        "Report",
                        "publisher",
                        "Example",
                        "kind",
                        "NGO_REPORT"));
        assertThat(first.path("created").asBoolean()).isTrue();
        assertThat(first.path("source").path("url").asString()).isEqualTo("https://example.org/report?id=7");
        var again = edit(
                ADD_SOURCE,
                Map.of(
                        "url",
                        "https://example.org/report?id=7",
                        "title",
                        "Same report",
                        "publisher",
                        "Example",
                        "kind",
                        "NGO_REPORT"));
        assertThat(again.path("created").asBoolean()).isFalse();
        assertThat(again.path("source").path("id").asString())
                .isEqualTo(first.path("source").path("id").asString());
    }

    @Test
    void eachValidationRuleRefusesAndWritesNothing() {
        String source = newSource("https://example.org/validation-source");
        String vendor = newVendor("validation-vendor");
        // URLs: http(s) only
        refused(
                ADD_SOURCE,
                Map.of("url", "ftp://example.org/x", "title", "T", "publisher", "P", "kind", "NEWS"),
                "INVALID_URL");
        refused(
                ADD_SOURCE,
                Map.of("url", "javascript:alert(1)", "title", "T", "publisher", "P", "kind", "NEWS"),
                "INVALID_URL");
        // no future publication dates, well-formed dates
        refused(
                ADD_SOURCE,
                Map.of(
                        "url",
                        "https://example.org/future",
                        "title",
                        "T",
                        "publisher",
                        "P",
                        "kind",
                        "NEWS",
                        "publishedOn",
                        "2999-01-01"),
                "FUTURE_DATE");
        refused(
                ADD_SOURCE,
                Map.of(
                        "url",
                        "https://example.org/bad-date",
                        "title",
                        "T",
                        "publisher",
                        "P",
                        "kind",
                        "NEWS",
                        "publishedOn",
                        "2021-13"),
                "INVALID_DATE");
        // length limits and required fields
        refused(CREATE, Map.of("slug", "too-long", "name", "x".repeat(301), "kind", "COMPANY"), "TOO_LONG");
        refused(CREATE, Map.of("slug", "blank-name", "name", "   ", "kind", "COMPANY"), "REQUIRED");
        // slugs
        refused(CREATE, Map.of("slug", "Bad Slug!", "name", "X", "kind", "COMPANY"), "INVALID_SLUG");
        refused(CREATE, Map.of("slug", "nso-group", "name", "X", "kind", "COMPANY"), "SLUG_TAKEN");
        // sources are required, and must exist
        refused(
                ADD_NAME,
                Map.of(
                        "vendorId",
                        vendor,
                        "name",
                        "Unsourced",
                        "kind",
                        "AKA",
                        "confidence",
                        "LOW",
                        "sources",
                        List.of()),
                "SOURCE_REQUIRED");
        refused(
                ADD_NAME,
                Map.of(
                        "vendorId",
                        vendor,
                        "name",
                        "Unknown source",
                        "kind",
                        "AKA",
                        "confidence",
                        "LOW",
                        "sources",
                        List.of(cite("U291cmNlOjk5OTk5OQ"))),
                "UNKNOWN_SOURCE");
        refused(
                ADD_NAME,
                Map.of(
                        "vendorId",
                        vendor,
                        "name",
                        "Bad dates",
                        "kind",
                        "FORMER_NAME",
                        "confidence",
                        "LOW",
                        "validFrom",
                        "2019",
                        "validTo",
                        "2017",
                        "sources",
                        List.of(cite(source))),
                "DATE_ORDER");
        refused(
                ADD_NAME,
                Map.of(
                        "vendorId",
                        "garbage",
                        "name",
                        "X",
                        "kind",
                        "AKA",
                        "confidence",
                        "LOW",
                        "sources",
                        List.of(cite(source))),
                "INVALID_ID");
        // ISO country codes
        refused(
                "mutation($input: SetVendorJurisdictionsInput!) { setVendorJurisdictions(input: $input) { vendor { id } userErrors { field message code } } }",
                Map.of(
                        "vendorId",
                        vendor,
                        "expectedRevision",
                        1,
                        "jurisdictions",
                        List.of(Map.of(
                                "country",
                                "XX",
                                "role",
                                "HEADQUARTERS",
                                "confidence",
                                "LOW",
                                "sources",
                                List.of(cite(source))))),
                "INVALID_COUNTRY");
        // statements need a quote or a summary; allegations need sources
        refused(
                "mutation($input: AddVendorStatementInput!) { addVendorStatement(input: $input) { statement { id } userErrors { field message code } } }",
                Map.of(
                        "vendorId",
                        vendor,
                        "statedOn",
                        "2024-01-02",
                        "confidence",
                        "LOW",
                        "sources",
                        List.of(cite(source))),
                "REQUIRED");
        refused(
                "mutation($input: FileAllegationInput!) { fileAllegation(input: $input) { allegation { id } userErrors { field message code } } }",
                Map.of(
                        "vendorIds",
                        List.of(vendor),
                        "title",
                        "T",
                        "summary",
                        "S",
                        "category",
                        "OTHER",
                        "firstReportedOn",
                        "2024",
                        "confidence",
                        "LOW",
                        "sources",
                        List.of()),
                "SOURCE_REQUIRED");
    }

    @Test
    void unknownEnumValuesAreRefusedBeforeAnythingRuns() {
        String before = fingerprint();
        Api.Response r = as(
                Tokens.editor(),
                CREATE,
                Map.of("input", Map.of("slug", "enum-test", "name", "X", "kind", "SHELL_COMPANY")));
        assertThat(r.errorCode()).isEqualTo("GRAPHQL_VALIDATION_FAILED");
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    void everyKindOfRecordCanBeWrittenAndShowsInHistory() {
        String source = newSource("https://example.org/every-kind");
        String vendor = newVendor("every-kind-vendor");
        String other = newVendor("every-kind-parent");
        String nso = vendor("nso-group").path("id").asString();

        var name = edit(
                        ADD_NAME,
                        Map.of(
                                "vendorId",
                                vendor,
                                "name",
                                "Every Kind Ltd.",
                                "kind",
                                "LEGAL_NAME",
                                "confidence",
                                "HIGH",
                                "validFrom",
                                "2019-05",
                                "sources",
                                List.of(cite(source))))
                .path("name");
        assertThat(name.path("validFromPrecision").asString()).isEqualTo("MONTH");
        var updatedName = edit(
                        "mutation($input: UpdateVendorNameInput!) { updateVendorName(input: $input) { name { name revision } userErrors { field message code } } }",
                        Map.of(
                                "id",
                                name.path("id").asString(),
                                "expectedRevision",
                                1,
                                "name",
                                "Every Kind Limited",
                                "changeNote",
                                "spelling"))
                .path("name");
        assertThat(updatedName.path("revision").asInt()).isEqualTo(2);

        edit(
                "mutation($input: SetVendorJurisdictionsInput!) { setVendorJurisdictions(input: $input) { vendor { jurisdictions { code role } } userErrors { field message code } } }",
                Map.of(
                        "vendorId",
                        vendor,
                        "expectedRevision",
                        1,
                        "jurisdictions",
                        List.of(
                                Map.of(
                                        "country",
                                        "cy",
                                        "role",
                                        "INCORPORATED",
                                        "confidence",
                                        "MEDIUM",
                                        "sources",
                                        List.of(cite(source))),
                                Map.of(
                                        "country",
                                        "IL",
                                        "role",
                                        "OPERATIONS",
                                        "confidence",
                                        "LOW",
                                        "sources",
                                        List.of(cite(source))))));
        String setTies =
                "mutation($input: SetVendorJurisdictionsInput!) { setVendorJurisdictions(input: $input) { vendor { revision jurisdictions { code role } } userErrors { field message code } } }";
        // the set changed the vendor's revision: a caller still holding revision 1 must reload
        refused(
                setTies,
                Map.of(
                        "vendorId",
                        vendor,
                        "expectedRevision",
                        1,
                        "confirmRemovals",
                        true,
                        "changeNote",
                        "stale",
                        "jurisdictions",
                        List.of(Map.of(
                                "country",
                                "IL",
                                "role",
                                "OPERATIONS",
                                "confidence",
                                "LOW",
                                "sources",
                                List.of(cite(source))))),
                "STALE_REVISION");
        // changing an existing tie's confidence is a correction: it needs a note
        refused(
                setTies,
                Map.of(
                        "vendorId",
                        vendor,
                        "expectedRevision",
                        2,
                        "jurisdictions",
                        List.of(
                                Map.of(
                                        "country",
                                        "cy",
                                        "role",
                                        "INCORPORATED",
                                        "confidence",
                                        "MEDIUM",
                                        "sources",
                                        List.of(cite(source))),
                                Map.of(
                                        "country",
                                        "IL",
                                        "role",
                                        "OPERATIONS",
                                        "confidence",
                                        "MEDIUM",
                                        "sources",
                                        List.of(cite(source))))),
                "REQUIRED");
        var ties = edit(
                setTies,
                Map.of(
                        "vendorId",
                        vendor,
                        "expectedRevision",
                        2,
                        "confirmRemovals",
                        true,
                        "changeNote",
                        "Cyprus was a mix-up",
                        "jurisdictions",
                        List.of(Map.of(
                                "country",
                                "IL",
                                "role",
                                "OPERATIONS",
                                "confidence",
                                "MEDIUM",
                                "sources",
                                List.of(cite(source))))));
        assertThat(ties.path("vendor").path("jurisdictions").findValuesAsString("code"))
                .containsExactly("IL");

        var rel = edit(
                        "mutation($input: AddVendorRelationshipInput!) { addVendorRelationship(input: $input) { relationship { id revision type object { slug } } userErrors { field message code } } }",
                        Map.of(
                                "subjectId",
                                vendor,
                                "type",
                                "SUBSIDIARY_OF",
                                "objectId",
                                other,
                                "validFrom",
                                "2019",
                                "confidence",
                                "MEDIUM",
                                "sources",
                                List.of(cite(source))))
                .path("relationship");
        var ended = edit(
                        "mutation($input: EndVendorRelationshipInput!) { endVendorRelationship(input: $input) { relationship { validTo validToPrecision } userErrors { field message code } } }",
                        Map.of("id", rel.path("id").asString(), "expectedRevision", 1, "validTo", "2023"))
                .path("relationship");
        assertThat(ended.path("validTo").asString()).isEqualTo("2023-01-01");

        var product = edit(
                        "mutation($input: AddProductInput!) { addProduct(input: $input) { product { slug vendors { slug } } userErrors { field message code } } }",
                        Map.of(
                                "vendorId",
                                vendor,
                                "slug",
                                "every-kind-implant",
                                "name",
                                "Implant",
                                "kind",
                                "SPYWARE",
                                "confidence",
                                "LOW",
                                "sources",
                                List.of(cite(source))))
                .path("product");
        assertThat(product.path("vendors").findValuesAsString("slug")).contains("every-kind-vendor");

        edit(
                "mutation($input: AddVendorStatementInput!) { addVendorStatement(input: $input) { statement { id quote } userErrors { field message code } } }",
                Map.of(
                        "vendorId",
                        vendor,
                        "statedOn",
                        "2024-02-01",
                        "quote",
                        "We deny it.",
                        "confidence",
                        "MEDIUM",
                        "sources",
                        List.of(cite(source))));

        var action = edit(
                        "mutation($input: RecordSanctionActionInput!) { recordSanctionAction(input: $input) { sanctionAction { id revision effectiveOn listedName isActive event { id } } userErrors { field message code } } }",
                        Map.of(
                                "vendorId",
                                vendor,
                                "authority",
                                "US_BIS",
                                "program",
                                "US_ENTITY_LIST",
                                "actionType",
                                "LISTED",
                                "publishedOn",
                                "2024-03-05",
                                "effectiveOn",
                                "2024-03-05",
                                "listedName",
                                "Every Kind Ltd.",
                                "confidence",
                                "HIGH",
                                "sources",
                                List.of(cite(source))))
                .path("sanctionAction");
        assertThat(action.path("isActive").asBoolean()).isTrue();
        var amended = edit(
                        "mutation($input: AmendSanctionActionInput!) { amendSanctionAction(input: $input) { sanctionAction { listedAliases revision } userErrors { field message code } } }",
                        Map.of(
                                "id",
                                action.path("id").asString(),
                                "expectedRevision",
                                1,
                                "listedAliases",
                                List.of("EK Ltd."),
                                "changeNote",
                                "the alias as listed"))
                .path("sanctionAction");
        assertThat(amended.path("revision").asInt()).isEqualTo(2);
        refused(
                "mutation($input: LiftSanctionActionInput!) { liftSanctionAction(input: $input) { sanctionAction { id } userErrors { field message code } } }",
                Map.of(
                        "id",
                        action.path("id").asString(),
                        "expectedRevision",
                        2,
                        "liftedOn",
                        "2024-01-01",
                        "sources",
                        List.of(cite(source))),
                "DATE_ORDER");
        var lifted = edit(
                        "mutation($input: LiftSanctionActionInput!) { liftSanctionAction(input: $input) { sanctionAction { liftedOn isActive } userErrors { field message code } } }",
                        Map.of(
                                "id",
                                action.path("id").asString(),
                                "expectedRevision",
                                2,
                                "liftedOn",
                                "2025-01-01",
                                "sources",
                                List.of(cite(source))))
                .path("sanctionAction");
        assertThat(lifted.path("isActive").asBoolean()).isFalse();
        // a second target of the same act
        edit(
                "mutation($input: RecordSanctionActionInput!) { recordSanctionAction(input: $input) { sanctionAction { id } userErrors { field message code } } }",
                Map.of(
                        "eventId",
                        action.path("event").path("id").asString(),
                        "personName",
                        "A. Test Person",
                        "affiliatedVendorId",
                        vendor,
                        "confidence",
                        "MEDIUM",
                        "sources",
                        List.of(cite(source))));

        var allegation = edit(
                        "mutation($input: FileAllegationInput!) { fileAllegation(input: $input) { allegation { id status revision vendors { slug } } userErrors { field message code } } }",
                        Map.of(
                                "vendorIds",
                                List.of(vendor, nso),
                                "title",
                                "Test allegation",
                                "summary",
                                "Alleged in a test.",
                                "category",
                                "OTHER",
                                "firstReportedOn",
                                "2024-02",
                                "confidence",
                                "LOW",
                                "sources",
                                List.of(cite(source))))
                .path("allegation");
        assertThat(allegation.path("status").asString()).isEqualTo("REPORTED");
        assertThat(allegation.path("vendors").findValuesAsString("slug"))
                .containsExactly("every-kind-vendor", "nso-group");
        edit(
                "mutation($input: UpdateAllegationInput!) { updateAllegation(input: $input) { allegation { summary } userErrors { field message code } } }",
                Map.of(
                        "id",
                        allegation.path("id").asString(),
                        "expectedRevision",
                        1,
                        "summary",
                        "Corrected summary.",
                        "changeNote",
                        "typo in the summary"));
        var retracted = edit(
                        "mutation($input: ChangeAllegationStatusInput!) { changeAllegationStatus(input: $input) { allegation { status statusReason title } userErrors { field message code } } }",
                        Map.of(
                                "id",
                                allegation.path("id").asString(),
                                "expectedRevision",
                                2,
                                "status",
                                "RETRACTED",
                                "reason",
                                "The reporter withdrew the story."))
                .path("allegation");
        assertThat(retracted.path("status").asString()).isEqualTo("RETRACTED");
        assertThat(retracted.path("statusReason").asString()).contains("withdrew");
        // a retracted allegation stays visible
        assertThat(api.query(
                                "{ allegations(first: 100, filter: {statuses: [RETRACTED]}) { edges { node { title } } } }")
                        .ok()
                        .path("allegations")
                        .path("edges")
                        .findValuesAsString("title"))
                .contains("Test allegation");

        // citations: attach one more, then detach; the last one cannot go
        String second = newSource("https://example.org/every-kind-second");
        var cites = edit(
                        "mutation($input: AttachCitationInput!) { attachCitation(input: $input) { citations { source { id } } userErrors { field message code } } }",
                        Map.of("claimId", name.path("id").asString(), "citation", cite(second)))
                .path("citations");
        assertThat(cites.size()).isEqualTo(2);
        edit(
                "mutation($input: DetachCitationInput!) { detachCitation(input: $input) { citations { source { id } } userErrors { field message code } } }",
                Map.of("claimId", name.path("id").asString(), "sourceId", source, "changeNote", "weaker source"));
        refused(
                "mutation($input: DetachCitationInput!) { detachCitation(input: $input) { citations { source { id } } userErrors { field message code } } }",
                Map.of(
                        "claimId",
                        name.path("id").asString(),
                        "sourceId",
                        second,
                        "changeNote",
                        "try to strip the last one"),
                "LAST_CITATION");

        edit(
                "mutation($input: RemoveVendorNameInput!) { removeVendorName(input: $input) { vendor { names { name } } userErrors { field message code } } }",
                Map.of(
                        "id",
                        name.path("id").asString(),
                        "expectedRevision",
                        2,
                        "changeNote",
                        "duplicate of the legal name"));

        // the vendor's history holds every write about it, newest first, with before/after
        JsonNode history = as(
                        Tokens.editor(),
                        "query($id: ID!) { node(id: $id) { ... on Vendor { history(first: 100) { totalCount edges { node { mutation operation recordType changedFields before after actor { username } reason } } } } } }",
                        Map.of("id", vendor))
                .ok()
                .path("node")
                .path("history");
        List<String> mutations = history.path("edges").findValuesAsString("mutation");
        assertThat(mutations)
                .contains(
                        "createVendor",
                        "addVendorName",
                        "updateVendorName",
                        "setVendorJurisdictions",
                        "addVendorRelationship",
                        "endVendorRelationship",
                        "addProduct",
                        "addVendorStatement",
                        "recordSanctionAction",
                        "amendSanctionAction",
                        "liftSanctionAction",
                        "fileAllegation",
                        "updateAllegation",
                        "changeAllegationStatus",
                        "attachCitation",
                        "detachCitation",
                        "removeVendorName");
        assertThat(mutations.getFirst()).isEqualTo("removeVendorName");
        JsonNode rename = null;
        for (JsonNode e : history.path("edges")) {
            if (e.path("node").path("mutation").asString().equals("updateVendorName")) {
                rename = e.path("node");
            }
        }
        assertThat(rename.path("changedFields").toString()).contains("name");
        assertThat(rename.path("before").path("name").asString()).isEqualTo("Every Kind Ltd.");
        assertThat(rename.path("after").path("name").asString()).isEqualTo("Every Kind Limited");
        assertThat(rename.path("reason").asString()).isEqualTo("spelling");
        assertThat(rename.path("actor").path("username").asString()).isEqualTo("editor");

        JsonNode recent = api.query("{ recentChanges(first: 3) { edges { node { mutation occurredAt } } } }")
                .ok()
                .path("recentChanges");
        assertThat(recent.path("edges").path(0).path("node").path("mutation").asString())
                .isEqualTo("removeVendorName");
    }

    @Test
    void concurrentEditorsWithTheSameRevisionCannotLoseAnUpdate() throws Exception {
        String vendor = newVendor("concurrency-vendor");
        int editors = 8;
        ExecutorService pool = Executors.newFixedThreadPool(editors);
        List<Callable<Api.Response>> calls = new ArrayList<>();
        for (int i = 0; i < editors; i++) {
            Map<String, Object> input = new HashMap<>(Map.of(
                    "id",
                    vendor,
                    "expectedRevision",
                    1,
                    "name",
                    "Renamed by editor " + i,
                    "changeNote",
                    "rename " + i));
            calls.add(() -> as(Tokens.editor(), UPDATE, Map.of("input", input)));
        }
        List<String> outcomes = new ArrayList<>();
        for (Future<Api.Response> f : pool.invokeAll(calls)) {
            JsonNode payload = f.get().ok().path("updateVendor");
            outcomes.add(
                    payload.path("userErrors").size() == 0
                            ? "WON"
                            : payload.path("userErrors").path(0).path("code").asString());
        }
        pool.shutdown();
        assertThat(outcomes.stream().filter("WON"::equals).count())
                .as(outcomes.toString())
                .isEqualTo(1);
        assertThat(outcomes.stream().filter("STALE_REVISION"::equals).count()).isEqualTo(editors - 1);
        JsonNode history = api.query(
                        "query($id: ID!) { node(id: $id) { ... on Vendor { revision history { edges { node { mutation } } } } } }",
                        Map.of("id", vendor))
                .ok()
                .path("node");
        assertThat(history.path("revision").asInt()).isEqualTo(2);
        assertThat(history.path("history").path("edges").findValuesAsString("mutation").stream()
                        .filter("updateVendor"::equals)
                        .count())
                .isEqualTo(1);
    }

    @Test
    void rulesSpanningStoredAndNewValuesAreCheckedBeforeWriting() {
        String source = newSource("https://example.org/spanning-rules");
        String vendor = newVendor("spanning-vendor");
        var name = edit(
                        ADD_NAME,
                        Map.of(
                                "vendorId",
                                vendor,
                                "name",
                                "Old Name Ltd.",
                                "kind",
                                "FORMER_NAME",
                                "confidence",
                                "LOW",
                                "validTo",
                                "2018",
                                "sources",
                                List.of(cite(source))))
                .path("name");
        edit(
                ADD_NAME,
                Map.of(
                        "vendorId",
                        vendor,
                        "name",
                        "Other Name Ltd.",
                        "kind",
                        "FORMER_NAME",
                        "confidence",
                        "LOW",
                        "sources",
                        List.of(cite(source))));
        String update =
                "mutation($input: UpdateVendorNameInput!) { updateVendorName(input: $input) { name { id } userErrors { field message code } } }";
        // only validFrom given: it would fall after the stored validTo
        refused(
                update,
                Map.of("id", name.path("id").asString(), "expectedRevision", 1, "validFrom", "2020", "changeNote", "n"),
                "DATE_ORDER");
        // renamed onto another name of the same kind
        refused(
                update,
                Map.of(
                        "id",
                        name.path("id").asString(),
                        "expectedRevision",
                        1,
                        "name",
                        "Other Name Ltd.",
                        "changeNote",
                        "n"),
                "DUPLICATE");
        // control characters (PostgreSQL cannot store NUL)
        refused(
                ADD_SOURCE,
                Map.of("url", "https://example.org/nul", "title", "a\u0000b", "publisher", "P", "kind", "NEWS"),
                "INVALID_CHARACTER");
        // years before 1800 or malformed
        refused(
                ADD_SOURCE,
                Map.of(
                        "url",
                        "https://example.org/year0",
                        "title",
                        "T",
                        "publisher",
                        "P",
                        "kind",
                        "NEWS",
                        "publishedOn",
                        "0000"),
                "INVALID_DATE");
    }

    @Test
    void theSameVendorTwiceInAnAllegationIsOneVendor() {
        String source = newSource("https://example.org/same-vendor-twice");
        String vendor = newVendor("same-vendor-twice");
        var allegation = edit(
                        "mutation($input: FileAllegationInput!) { fileAllegation(input: $input) { allegation { vendors { slug } } userErrors { field message code } } }",
                        Map.of(
                                "vendorIds",
                                List.of(
                                        vendor,
                                        vendor.length() % 4 == 0
                                                ? vendor
                                                : vendor + "=".repeat(4 - vendor.length() % 4)),
                                "title",
                                "T",
                                "summary",
                                "S",
                                "category",
                                "OTHER",
                                "firstReportedOn",
                                "2024",
                                "confidence",
                                "LOW",
                                "sources",
                                List.of(cite(source))))
                .path("allegation");
        assertThat(allegation.path("vendors").size()).isEqualTo(1);
    }

    @Test
    void aTokenWithoutSubjectCannotWrite() {
        String before = fingerprint();
        var claims =
                Tokens.claims("editor", List.of("editor"), true).subject(null).build();
        Api.Response r = as(
                Tokens.sign(claims),
                CREATE,
                Map.of("input", Map.of("slug", "no-subject", "name", "X", "kind", "COMPANY")));
        assertThat(r.errorCode()).isEqualTo("UNAUTHORIZED");
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    void productHistoryShowsItsAttributions() {
        String source = newSource("https://example.org/product-history");
        String a = newVendor("product-history-a");
        String b = newVendor("product-history-b");
        String add =
                "mutation($input: AddProductInput!) { addProduct(input: $input) { product { id } userErrors { field message code } } }";
        String product = edit(
                        add,
                        Map.of(
                                "vendorId",
                                a,
                                "slug",
                                "history-tool",
                                "name",
                                "Tool",
                                "kind",
                                "OTHER",
                                "confidence",
                                "LOW",
                                "sources",
                                List.of(cite(source))))
                .path("product")
                .path("id")
                .asString();
        edit(add, Map.of("vendorId", b, "slug", "history-tool", "confidence", "LOW", "sources", List.of(cite(source))));
        JsonNode history = api.query(
                        "query($id: ID!) { node(id: $id) { ... on Product { history { totalCount edges { node { operation recordType } } } } } }",
                        Map.of("id", product))
                .ok()
                .path("node")
                .path("history");
        assertThat(history.path("totalCount").asInt()).isEqualTo(3);
        assertThat(history.path("edges").findValuesAsString("recordType"))
                .containsExactly("ProductVendor", "ProductVendor", "Product");
    }

    @Test
    void theDatabaseItselfRefusesAnUnsourcedClaim() {
        long vendorId = ((Number) dsl.fetchValue("select min(id) from vendor")).longValue();
        assertThatThrownBy(() -> dsl.execute(
                        "insert into vendor_name (vendor_id, name, kind, confidence) values (?, 'No source', 'AKA', 'LOW')",
                        vendorId))
                .rootCause()
                .hasMessageContaining("cite at least one source");
    }
}
