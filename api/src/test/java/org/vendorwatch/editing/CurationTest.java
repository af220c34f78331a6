package org.vendorwatch.editing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.vendorwatch.support.EditingSupport;
import org.vendorwatch.support.EditingTest;
import tools.jackson.databind.JsonNode;

/**
 * Curation as docs/editing.md defines it: every claim can be corrected (the old value stays in
 * history with the reason), a record entered in error is withdrawn (gone from lists, counts,
 * isSanctioned and search, still answering by id), two records of one entity are merged, and the
 * domain's rules refuse what cannot be true. A database of its own: these tests change seeded
 * records.
 */
@EditingTest
@TestPropertySource(properties = "vendorwatch.database.name=curation")
class CurationTest extends EditingSupport {

    static final String RECORD = """
            mutation($input: RecordSanctionActionInput!) { recordSanctionAction(input: $input) {
              sanctionAction { id revision isActive status effectiveOn effectiveOnPrecision announcedOn event { id revision } }
              userErrors { field message code } } }""";
    static final String UPDATE_EVENT = """
            mutation($input: UpdateSanctionEventInput!) { updateSanctionEvent(input: $input) {
              sanctionEvent { id revision authority { code } program { code } citation documentNumber url announcedOn effectiveOn }
              changed userErrors { field message code } } }""";
    static final String WITHDRAW = """
            mutation($input: WithdrawRecordInput!) { withdrawRecord(input: $input) {
              withdrawn { id recordType reason record } changed userErrors { field message code } } }""";
    static final String HISTORY = """
            query($id: ID!) { node(id: $id) { __typename ... on WithdrawnRecord { recordType reason record
              history(first: 50) { edges { node { operation mutation reason before after changedFields } } } } } }""";

    private JsonNode vendorBySlug(String slug) {
        return api.query(
                        "query($s: String!) { vendor(slug: $s) { id slug name revision isSanctioned names { id name kind revision } "
                                + "sanctionActions(first: 20) { totalCount edges { node { id revision status listedName } } } "
                                + "mergedFrom { id slug name reason mergedInto { slug } } } }",
                        Map.of("s", slug))
                .ok()
                .path("vendor");
    }

    private JsonNode recordAction(String vendor, String source, Map<String, Object> extra) {
        Map<String, Object> input = new java.util.HashMap<>(Map.of(
                "vendorId",
                vendor,
                "authority",
                "US_BIS",
                "program",
                "US_ENTITY_LIST",
                "actionType",
                "LISTED",
                "confidence",
                "HIGH",
                "sources",
                List.of(cite(source))));
        input.putAll(extra);
        return edit(RECORD, input).path("sanctionAction");
    }

    @Test
    void everyFieldOfASanctionActCanBeCorrectedAndTheOldValueStaysInHistory() {
        String source = newSource("https://example.org/curation-act");
        String vendor = newVendor("curation-act-vendor");
        JsonNode action = recordAction(
                vendor,
                source,
                Map.of(
                        "announcedOn",
                        "2024-03-04",
                        "effectiveOn",
                        "2024-03-05",
                        "citation",
                        "89 FR 1",
                        "documentNumber",
                        "2024-00001",
                        "url",
                        "https://example.org/rule"));
        String event = action.path("event").path("id").asString();
        JsonNode corrected = edit(
                UPDATE_EVENT,
                Map.of(
                        "id",
                        event,
                        "expectedRevision",
                        1,
                        "authority",
                        "US_OFAC",
                        "program",
                        "US_SDN",
                        "citation",
                        "89 FR 12345",
                        "documentNumber",
                        "2024-99999",
                        "url",
                        "https://example.org/rule-corrected",
                        "announcedOn",
                        "2024-03",
                        "effectiveOn",
                        "2024-03-06",
                        "changeNote",
                        "wrong act copied from the register"));
        assertThat(corrected.path("changed").asBoolean()).isTrue();
        JsonNode e = corrected.path("sanctionEvent");
        assertThat(e.path("authority").path("code").asString()).isEqualTo("US_OFAC");
        assertThat(e.path("program").path("code").asString()).isEqualTo("US_SDN");
        assertThat(e.path("citation").asString()).isEqualTo("89 FR 12345");
        assertThat(e.path("announcedOn").asString()).isEqualTo("2024-03-01");
        assertThat(e.path("revision").asInt()).isEqualTo(2);

        JsonNode history = api.query(
                        "query($id: ID!) { node(id: $id) { ... on SanctionEvent { history { edges { node { mutation reason "
                                + "changedFields before after } } } } } }",
                        Map.of("id", event))
                .ok()
                .path("node")
                .path("history")
                .path("edges")
                .path(0)
                .path("node");
        assertThat(history.path("mutation").asString()).isEqualTo("updateSanctionEvent");
        assertThat(history.path("reason").asString()).isEqualTo("wrong act copied from the register");
        assertThat(history.path("before").path("citation").asString()).isEqualTo("89 FR 1");
        assertThat(history.path("after").path("citation").asString()).isEqualTo("89 FR 12345");
        assertThat(history.path("changedFields").findValuesAsString("")).isEmpty();
        assertThat(history.path("changedFields").toString())
                .contains(
                        "authority_code",
                        "program_code",
                        "citation",
                        "document_number",
                        "url",
                        "announced_on",
                        "announced_precision",
                        "effective_on")
                .doesNotContain("revision")
                .doesNotContain("seed_key");
        assertThat(history.path("after").has("seed_key"))
                .as("internal columns stay out of the public trail")
                .isFalse();

        // the same correction again changes nothing: answered as such, no new revision, no event
        JsonNode again = edit(
                UPDATE_EVENT,
                Map.of("id", event, "expectedRevision", 2, "citation", "89 FR 12345", "changeNote", "again"));
        assertThat(again.path("changed").asBoolean()).isFalse();
        assertThat(again.path("sanctionEvent").path("revision").asInt()).isEqualTo(2);
        assertThat(api.query(
                                "query($id: ID!) { node(id: $id) { ... on SanctionEvent { history { totalCount } } } }",
                                Map.of("id", event))
                        .ok()
                        .path("node")
                        .path("history")
                        .path("totalCount")
                        .asInt())
                .isEqualTo(2); // the creation and one correction
    }

    @Test
    void theDomainsRulesRefuseWhatCannotBeTrue() {
        String source = newSource("https://example.org/curation-rules");
        String vendor = newVendor("curation-rules-vendor");
        Map<String, Object> base = Map.of(
                "vendorId", vendor, "actionType", "LISTED", "confidence", "HIGH", "sources", List.of(cite(source)));
        // a programme belongs to its authority
        refused(
                RECORD,
                with(base, Map.of("authority", "US_BIS", "program", "US_SDN", "effectiveOn", "2024-01-01")),
                "PROGRAM_AUTHORITY");
        // an unknown authority is refused with a pointer to addSanctionAuthority
        refused(
                RECORD,
                with(base, Map.of("authority", "XX_NO_SUCH_BODY", "effectiveOn", "2024-01-01")),
                "UNKNOWN_CODE");
        // effect before announcement; publication before announcement
        refused(
                RECORD,
                with(base, Map.of("authority", "US_BIS", "announcedOn", "2024-02-01", "effectiveOn", "2024-01-31")),
                "DATE_ORDER");
        refused(
                RECORD,
                with(base, Map.of("authority", "US_BIS", "announcedOn", "2024-02", "publishedOn", "2024-01")),
                "DATE_ORDER");
        // the same bounds everywhere: no year 1066, nothing more than a year ahead, nothing announced tomorrow
        refused(RECORD, with(base, Map.of("authority", "US_BIS", "effectiveOn", "1066")), "INVALID_DATE");
        refused(RECORD, with(base, Map.of("authority", "US_BIS", "effectiveOn", "9999-12-31")), "FUTURE_DATE");
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();
        refused(RECORD, with(base, Map.of("authority", "US_BIS", "announcedOn", tomorrow)), "FUTURE_DATE");
        refused(
                "mutation($input: FileAllegationInput!) { fileAllegation(input: $input) { allegation { id } userErrors { field code } } }",
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
                        "1066",
                        "confidence",
                        "LOW",
                        "sources",
                        List.of(cite(source))),
                "INVALID_DATE");
        // sanction dates take the same fuzzy forms as every other date
        JsonNode month = recordAction(vendor, source, Map.of("effectiveOn", "2023-07"));
        assertThat(month.path("effectiveOn").asString()).isEqualTo("2023-07-01");
        assertThat(month.path("effectiveOnPrecision").asString()).isEqualTo("MONTH");
    }

    private static Map<String, Object> with(Map<String, Object> base, Map<String, Object> more) {
        Map<String, Object> out = new java.util.HashMap<>(base);
        out.putAll(more);
        return out;
    }

    @Test
    void anActionTakingEffectLaterIsScheduledNotInForce() {
        String source = newSource("https://example.org/curation-scheduled");
        String vendor = newVendor("curation-scheduled-vendor");
        String ahead = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();
        JsonNode scheduled = recordAction(
                vendor,
                source,
                Map.of("announcedOn", LocalDate.now(ZoneOffset.UTC).toString(), "effectiveOn", ahead));
        assertThat(scheduled.path("status").asString()).isEqualTo("SCHEDULED");
        assertThat(scheduled.path("isActive").asBoolean()).isFalse();
        assertThat(vendorBySlug("curation-scheduled-vendor")
                        .path("isSanctioned")
                        .asBoolean())
                .isFalse();
        assertThat(slugsSanctioned()).doesNotContain("curation-scheduled-vendor");
        // corrected to an effective date already past: in force
        edit(
                UPDATE_EVENT,
                Map.of(
                        "id",
                        scheduled.path("event").path("id").asString(),
                        "expectedRevision",
                        1,
                        "effectiveOn",
                        LocalDate.now(ZoneOffset.UTC).toString(),
                        "changeNote",
                        "took effect on announcement"));
        assertThat(vendorBySlug("curation-scheduled-vendor")
                        .path("isSanctioned")
                        .asBoolean())
                .isTrue();
        assertThat(slugsSanctioned()).contains("curation-scheduled-vendor");
    }

    private List<String> slugsSanctioned() {
        return api.query("{ vendors(first: 100, filter: {sanctioned: true}) { edges { node { slug } } } }")
                .ok()
                .path("vendors")
                .path("edges")
                .findValuesAsString("slug");
    }

    @Test
    void aSanctionActionRecordedByMistakeIsWithdrawnNotLifted() {
        String source = newSource("https://example.org/curation-withdraw");
        String vendor = newVendor("curation-withdraw-vendor");
        JsonNode action =
                recordAction(vendor, source, Map.of("effectiveOn", "2024-05-01", "listedName", "Wrong Vendor Ltd."));
        String id = action.path("id").asString();
        assertThat(vendorBySlug("curation-withdraw-vendor").path("isSanctioned").asBoolean())
                .isTrue();
        int listed = api.query("{ sanctionActions(first: 1) { totalCount } }")
                .ok()
                .path("sanctionActions")
                .path("totalCount")
                .asInt();

        refused(WITHDRAW, Map.of("id", id, "expectedRevision", 1, "reason", " \u00a0 "), "REQUIRED");
        refused(WITHDRAW, Map.of("id", id, "expectedRevision", 7, "reason", "wrong vendor"), "STALE_REVISION");
        JsonNode w =
                edit(WITHDRAW, Map.of("id", id, "expectedRevision", 1, "reason", "Recorded against the wrong vendor."));
        assertThat(w.path("withdrawn").path("recordType").asString()).isEqualTo("SanctionAction");
        assertThat(w.path("withdrawn").path("record").path("listed_name").asString())
                .isEqualTo("Wrong Vendor Ltd.");
        assertThat(w.path("withdrawn").path("record").path("citations").size()).isEqualTo(1);

        // gone from the vendor, the lists, the counts and isSanctioned; not a lifting
        JsonNode v = vendorBySlug("curation-withdraw-vendor");
        assertThat(v.path("isSanctioned").asBoolean()).isFalse();
        assertThat(v.path("sanctionActions").path("totalCount").asInt()).isZero();
        assertThat(api.query("{ sanctionActions(first: 1) { totalCount } }")
                        .ok()
                        .path("sanctionActions")
                        .path("totalCount")
                        .asInt())
                .isEqualTo(listed - 1);
        // its id still answers, saying it was withdrawn and why, with its history
        JsonNode node = api.query(HISTORY, Map.of("id", id)).ok().path("node");
        assertThat(node.path("__typename").asString()).isEqualTo("WithdrawnRecord");
        assertThat(node.path("reason").asString()).isEqualTo("Recorded against the wrong vendor.");
        List<String> operations = node.path("history").path("edges").findValuesAsString("operation");
        assertThat(operations.getFirst()).isEqualTo("WITHDRAW");
        assertThat(operations).contains("CREATE").doesNotContain("LIFT");
        // and it cannot be withdrawn twice
        refused(WITHDRAW, Map.of("id", id, "expectedRevision", 1, "reason", "again"), "ALREADY_WITHDRAWN");
    }

    @Test
    void anAllegationEnteredInErrorIsWithdrawnWithItsDevelopmentsWhileARetractionStaysPublic() {
        String source = newSource("https://example.org/curation-allegation");
        String vendor = newVendor("curation-allegation-vendor");
        String file =
                "mutation($input: FileAllegationInput!) { fileAllegation(input: $input) { allegation { id revision } userErrors { code } } }";
        JsonNode a = edit(
                        file,
                        Map.of(
                                "vendorIds",
                                List.of(vendor),
                                "title",
                                "A test allegation",
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
        JsonNode d = edit(
                        "mutation($input: AddAllegationDevelopmentInput!) { addAllegationDevelopment(input: $input) { development { id revision description } userErrors { code } } }",
                        Map.of(
                                "allegationId",
                                a.path("id").asString(),
                                "occurredOn",
                                "2024-06",
                                "description",
                                "A lawsuit was filed.",
                                "confidence",
                                "MEDIUM",
                                "sources",
                                List.of(cite(source))))
                .path("development");
        JsonNode corrected = edit(
                "mutation($input: UpdateAllegationDevelopmentInput!) { updateAllegationDevelopment(input: $input) { development { description occurredOn revision } changed userErrors { code } } }",
                Map.of(
                        "id",
                        d.path("id").asString(),
                        "expectedRevision",
                        1,
                        "description",
                        "A lawsuit was filed in California.",
                        "occurredOn",
                        "2024-06-12",
                        "changeNote",
                        "court and day from the docket"));
        assertThat(corrected.path("development").path("occurredOn").asString()).isEqualTo("2024-06-12");
        // corrections of the allegation itself: its first report and its vendors
        String nso = vendorBySlug("nso-group").path("id").asString();
        JsonNode updated = edit(
                        "mutation($input: UpdateAllegationInput!) { updateAllegation(input: $input) { allegation { revision firstReportedOn vendors { slug } } changed userErrors { code } } }",
                        Map.of(
                                "id",
                                a.path("id").asString(),
                                "expectedRevision",
                                1,
                                "firstReportedOn",
                                "2023-12",
                                "vendorIds",
                                List.of(nso, vendor),
                                "changeNote",
                                "first report found earlier; NSO named too"))
                .path("allegation");
        assertThat(updated.path("firstReportedOn").asString()).isEqualTo("2023-12-01");
        assertThat(updated.path("vendors").findValuesAsString("slug"))
                .containsExactly("nso-group", "curation-allegation-vendor");
        // a status it already has is refused, so history never shows a change that is none
        refused(
                "mutation($input: ChangeAllegationStatusInput!) { changeAllegationStatus(input: $input) { allegation { id } userErrors { code } } }",
                Map.of("id", a.path("id").asString(), "expectedRevision", 2, "status", "REPORTED", "reason", "same"),
                "SAME_STATUS");

        edit(
                WITHDRAW,
                Map.of(
                        "id",
                        a.path("id").asString(),
                        "expectedRevision",
                        2,
                        "reason",
                        "A test entry, never an allegation."));
        assertThat(api.query("{ allegations(first: 100) { edges { node { title } } } }")
                        .ok()
                        .path("allegations")
                        .path("edges")
                        .findValuesAsString("title"))
                .doesNotContain("A test allegation");
        JsonNode gone =
                api.query(HISTORY, Map.of("id", d.path("id").asString())).ok().path("node");
        assertThat(gone.path("__typename").asString()).isEqualTo("WithdrawnRecord");
        assertThat(gone.path("reason").asString())
                .contains("Withdrawn with its Allegation")
                .contains("never an allegation");
    }

    @Test
    void aVendorNamedByClaimsIsMergedNotWithdrawn() {
        String source = newSource("https://example.org/curation-merge");
        String duplicate = newVendor("curation-duplicate");
        String survivor = newVendor("curation-survivor");
        recordAction(duplicate, source, Map.of("effectiveOn", "2024-04-01"));
        edit(
                MutationTest.ADD_NAME,
                Map.of(
                        "vendorId",
                        duplicate,
                        "name",
                        "Same Name Ltd.",
                        "kind",
                        "LEGAL_NAME",
                        "confidence",
                        "HIGH",
                        "sources",
                        List.of(cite(source))));
        edit(
                MutationTest.ADD_NAME,
                Map.of(
                        "vendorId",
                        survivor,
                        "name",
                        "SAME NAME LTD.",
                        "kind",
                        "LEGAL_NAME",
                        "confidence",
                        "HIGH",
                        "sources",
                        List.of(cite(newSource("https://example.org/curation-merge-2")))));
        edit(
                MutationTest.ADD_NAME,
                Map.of(
                        "vendorId",
                        duplicate,
                        "name",
                        "Only On The Duplicate",
                        "kind",
                        "AKA",
                        "confidence",
                        "LOW",
                        "sources",
                        List.of(cite(source))));
        edit(
                "mutation($input: AddVendorRelationshipInput!) { addVendorRelationship(input: $input) { relationship { id } userErrors { code } } }",
                Map.of(
                        "subjectId",
                        duplicate,
                        "type",
                        "PARTNER_OF",
                        "objectId",
                        survivor,
                        "confidence",
                        "LOW",
                        "sources",
                        List.of(cite(source))));

        JsonNode dup = vendorBySlug("curation-duplicate");
        refused(
                WITHDRAW,
                Map.of("id", duplicate, "expectedRevision", dup.path("revision").asInt(), "reason", "duplicate"),
                "IN_USE");
        refused(
                "mutation($input: MergeVendorsInput!) { mergeVendors(input: $input) { vendor { slug } userErrors { code } } }",
                Map.of(
                        "duplicateId",
                        duplicate,
                        "duplicateRevision",
                        1,
                        "survivorId",
                        duplicate,
                        "survivorRevision",
                        1,
                        "reason",
                        "x"),
                "INVALID_VALUE");
        JsonNode merged = edit(
                        "mutation($input: MergeVendorsInput!) { mergeVendors(input: $input) { vendor { slug isSanctioned names { name kind } } changed userErrors { code } } }",
                        Map.of(
                                "duplicateId",
                                duplicate,
                                "duplicateRevision",
                                1,
                                "survivorId",
                                survivor,
                                "survivorRevision",
                                1,
                                "reason",
                                "One company, entered twice."))
                .path("vendor");
        assertThat(merged.path("isSanctioned").asBoolean())
                .as("the sanction moved with the duplicate's claims")
                .isTrue();
        assertThat(merged.path("names").findValuesAsString("name"))
                .containsExactlyInAnyOrder("SAME NAME LTD.", "Only On The Duplicate");

        // the old slug and id resolve to the survivor
        JsonNode bySlug = vendorBySlug("curation-duplicate");
        assertThat(bySlug.path("slug").asString()).isEqualTo("curation-survivor");
        assertThat(bySlug.path("mergedFrom").path(0).path("slug").asString()).isEqualTo("curation-duplicate");
        assertThat(bySlug.path("sanctionActions").path("totalCount").asInt()).isEqualTo(1);
        JsonNode node = api.query(
                        "query($id: ID!) { node(id: $id) { __typename ... on MergedVendor { slug reason mergedInto { slug } "
                                + "history { edges { node { operation } } } } } }",
                        Map.of("id", duplicate))
                .ok()
                .path("node");
        assertThat(node.path("__typename").asString()).isEqualTo("MergedVendor");
        assertThat(node.path("mergedInto").path("slug").asString()).isEqualTo("curation-survivor");
        assertThat(node.path("history")
                        .path("edges")
                        .path(0)
                        .path("node")
                        .path("operation")
                        .asString())
                .isEqualTo("MERGE");
        assertThat(api.query(
                                "query($id: ID!) { node(id: $id) { ... on Vendor { history(first: 1) { edges { node { operation reason } } } } } }",
                                Map.of("id", survivor))
                        .ok()
                        .path("node")
                        .path("history")
                        .path("edges")
                        .path(0)
                        .path("node")
                        .path("operation")
                        .asString())
                .isEqualTo("MERGE");
        // the merged vendor is gone from every list; its old slug cannot be taken again
        assertThat(api.query("{ vendors(first: 100) { edges { node { slug } } } }")
                        .ok()
                        .path("vendors")
                        .path("edges")
                        .findValuesAsString("slug"))
                .doesNotContain("curation-duplicate");
        refused(
                "mutation($input: CreateVendorInput!) { createVendor(input: $input) { vendor { id } userErrors { code } } }",
                Map.of("slug", "curation-duplicate", "name", "X", "kind", "COMPANY"),
                "SLUG_TAKEN");
    }

    @Test
    void aMergeIsInTheSurvivorsHistoryAndFoundingSourcesGoWithTheirYear() {
        String a = newSource("https://example.org/curation-founded-a");
        String b = newSource("https://example.org/curation-founded-b");
        String create =
                "mutation($input: CreateVendorInput!) { createVendor(input: $input) { vendor { id } userErrors { field message code } } }";
        String survivor = edit(
                        create,
                        Map.of(
                                "slug",
                                "founded-survivor",
                                "name",
                                "Founded Survivor",
                                "kind",
                                "COMPANY",
                                "foundedYear",
                                2010,
                                "foundedConfidence",
                                "MEDIUM",
                                "foundedSources",
                                List.of(cite(a))))
                .path("vendor")
                .path("id")
                .asString();
        String duplicate = edit(
                        create,
                        Map.of(
                                "slug",
                                "founded-duplicate",
                                "name",
                                "Founded Duplicate",
                                "kind",
                                "COMPANY",
                                "foundedYear",
                                2014,
                                "foundedConfidence",
                                "LOW",
                                "foundedSources",
                                List.of(cite(b))))
                .path("vendor")
                .path("id")
                .asString();
        edit(
                "mutation($input: MergeVendorsInput!) { mergeVendors(input: $input) { vendor { slug } changed userErrors { code } } }",
                Map.of(
                        "duplicateId",
                        duplicate,
                        "duplicateRevision",
                        1,
                        "survivorId",
                        survivor,
                        "survivorRevision",
                        1,
                        "reason",
                        "One company, entered twice."));
        JsonNode v = api.query(
                        "query($id: ID!) { node(id: $id) { ... on Vendor { foundedYear foundedCitations { source { id } } "
                                + "history(first: 50) { edges { node { operation recordType reason } } } } } }",
                        Map.of("id", survivor))
                .ok()
                .path("node");
        assertThat(v.path("foundedYear").asInt()).isEqualTo(2010);
        assertThat(v.path("foundedCitations").findValuesAsString("id"))
                .as("the 2014 source does not support 2010")
                .containsExactly(a);
        assertThat(v.path("history").path("edges").findValuesAsString("recordType"))
                .as("the merge itself is on the survivor's record")
                .contains("VendorMerge");
    }

    @Test
    void editsThatTheRulesAllowAreNeverRefusedByTheDatabase() {
        String source = newSource("https://example.org/curation-periods");
        String vendor = newVendor("curation-periods");
        // a name valid from 15 March to "March 2024": March ends after the 15th
        edit(
                MutationTest.ADD_NAME,
                Map.of(
                        "vendorId",
                        vendor,
                        "name",
                        "Period Name",
                        "kind",
                        "AKA",
                        "confidence",
                        "LOW",
                        "validFrom",
                        "2024-03-15",
                        "validTo",
                        "2024-03",
                        "sources",
                        List.of(cite(source))));
        // an act lifted after its announcement but before its effective date
        JsonNode act = recordAction(vendor, source, Map.of("announcedOn", "2021-11-03", "effectiveOn", "2021-12-03"));
        edit(
                UPDATE_EVENT,
                Map.of(
                        "id",
                        act.path("event").path("id").asString(),
                        "expectedRevision",
                        1,
                        "liftedOn",
                        "2021-11-20",
                        "changeNote",
                        "withdrawn before it took effect"));
        // an identifier is one identifier whatever its case
        String add =
                "mutation($input: AddVendorIdentifierInput!) { addVendorIdentifier(input: $input) { identifier { id } userErrors { field message code } } }";
        edit(
                add,
                Map.of(
                        "vendorId",
                        vendor,
                        "scheme",
                        "RU_INN",
                        "value",
                        "ABC123",
                        "confidence",
                        "LOW",
                        "sources",
                        List.of(cite(source))));
        refused(
                add,
                Map.of(
                        "vendorId",
                        vendor,
                        "scheme",
                        "RU_INN",
                        "value",
                        "abc123",
                        "confidence",
                        "LOW",
                        "sources",
                        List.of(cite(source))),
                "DUPLICATE");
        // titles and listed names refuse invisible characters, as names do
        refused(
                "mutation($input: AddSourceInput!) { addSource(input: $input) { source { id } userErrors { field code } } }",
                Map.of(
                        "url",
                        "https://example.org/zwsp",
                        "title",
                        "Acme\u200bReport",
                        "publisher",
                        "P",
                        "kind",
                        "NEWS"),
                "INVALID_CHARACTER");
        // related URLs are URLs: prose about them goes in the note
        refused(
                "mutation($input: AddSourceInput!) { addSource(input: $input) { source { id } userErrors { field code } } }",
                Map.of(
                        "url",
                        "https://example.org/related",
                        "title",
                        "Related",
                        "publisher",
                        "P",
                        "kind",
                        "NEWS",
                        "relatedUrls",
                        List.of("https://example.org/a (the companion blog)")),
                "INVALID_URL");
        // adding a source for the founding year alone, where the vendor cites that source for something else, is a
        // change
        JsonNode v = vendorBySlug("curation-periods");
        JsonNode updated = edit(
                "mutation($input: UpdateVendorInput!) { updateVendor(input: $input) { vendor { foundedCitations { source { id } } } changed userErrors { code } } }",
                Map.of(
                        "id",
                        vendor,
                        "expectedRevision",
                        v.path("revision").asInt(),
                        "foundedYear",
                        2001,
                        "foundedConfidence",
                        "LOW",
                        "foundedSources",
                        List.of(cite(source)),
                        "changeNote",
                        "a source gives it"));
        assertThat(updated.path("changed").asBoolean()).isTrue();
        assertThat(updated.path("vendor").path("foundedCitations").findValuesAsString("id"))
                .containsExactly(source);
    }

    @Test
    void editorsAddAuthoritiesAndProgrammesWithSources() {
        String source = newSource("https://example.org/curation-eu-council");
        JsonNode authority = edit(
                        "mutation($input: AddSanctionAuthorityInput!) { addSanctionAuthority(input: $input) { authority { id code name citations { source { id } } } userErrors { code } } }",
                        Map.of(
                                "code",
                                "EU_COUNCIL",
                                "name",
                                "Council of the European Union",
                                "sources",
                                List.of(cite(source))))
                .path("authority");
        assertThat(authority.path("citations").size()).isEqualTo(1);
        refused(
                "mutation($input: AddSanctionAuthorityInput!) { addSanctionAuthority(input: $input) { authority { id } userErrors { code } } }",
                Map.of("code", "eu council", "name", "x", "sources", List.of(cite(source))),
                "INVALID_VALUE");
        refused(
                "mutation($input: AddSanctionProgramInput!) { addSanctionProgram(input: $input) { program { id } userErrors { code } } }",
                Map.of(
                        "code",
                        "EU_CYBER",
                        "authority",
                        "EU_COUNCIL",
                        "name",
                        "Cyber sanctions regime",
                        "sources",
                        List.of()),
                "SOURCE_REQUIRED");
        edit(
                "mutation($input: AddSanctionProgramInput!) { addSanctionProgram(input: $input) { program { code authority { code } } userErrors { code } } }",
                Map.of(
                        "code",
                        "EU_CYBER",
                        "authority",
                        "EU_COUNCIL",
                        "name",
                        "Cyber sanctions regime",
                        "sources",
                        List.of(cite(source))));
        String vendor = newVendor("curation-eu-vendor");
        JsonNode action = recordAction(
                vendor, source, Map.of("authority", "EU_COUNCIL", "program", "EU_CYBER", "effectiveOn", "2024-01-01"));
        assertThat(action.path("isActive").asBoolean()).isTrue();
        // an authority in use cannot be withdrawn
        refused(
                WITHDRAW,
                Map.of("id", authority.path("id").asString(), "expectedRevision", 1, "reason", "x"),
                "IN_USE");
    }

    @Test
    void everyKindOfClaimCanBeCorrected() {
        String source = newSource("https://example.org/curation-claims");
        String vendor = newVendor("curation-claims-vendor");
        String other = newVendor("curation-claims-other");
        String add =
                "mutation($input: %s!) { %s(input: $input) { %s { id revision } userErrors { field message code } } }";
        String update =
                "mutation($input: %s!) { %s(input: $input) { %s { id revision } changed userErrors { field message code } } }";
        record Claim(
                String addMutation,
                String addInput,
                String updateMutation,
                String updateInput,
                String payload,
                Map<String, Object> added,
                Map<String, Object> correction) {}
        List<Claim> claims = List.of(
                new Claim(
                        "addVendorJurisdiction",
                        "AddVendorJurisdictionInput",
                        "updateVendorJurisdiction",
                        "UpdateVendorJurisdictionInput",
                        "jurisdiction",
                        Map.of("vendorId", vendor, "country", "IL", "role", "OPERATIONS", "confidence", "LOW"),
                        Map.of("country", "CY", "detail", "Limassol")),
                new Claim(
                        "addVendorIdentifier",
                        "AddVendorIdentifierInput",
                        "updateVendorIdentifier",
                        "UpdateVendorIdentifierInput",
                        "identifier",
                        Map.of("vendorId", vendor, "scheme", "RU_INN", "value", "770000000", "confidence", "LOW"),
                        Map.of("value", "7700000001")),
                new Claim(
                        "addVendorNote",
                        "AddVendorNoteInput",
                        "updateVendorNote",
                        "UpdateVendorNoteInput",
                        "note",
                        Map.of("vendorId", vendor, "text", "Founded by X.", "confidence", "LOW"),
                        Map.of("text", "Founded by Y.")),
                new Claim(
                        "addVendorStatement",
                        "AddVendorStatementInput",
                        "updateVendorStatement",
                        "UpdateVendorStatementInput",
                        "statement",
                        Map.of("vendorId", vendor, "statedOn", "2024", "quote", "We deny it.", "confidence", "LOW"),
                        Map.of("statedOn", "2024-02-03", "speaker", "A spokesperson")),
                new Claim(
                        "addVendorRelationship",
                        "AddVendorRelationshipInput",
                        "updateVendorRelationship",
                        "UpdateVendorRelationshipInput",
                        "relationship",
                        Map.of("subjectId", vendor, "type", "PARTNER_OF", "objectId", other, "confidence", "LOW"),
                        Map.of("type", "SUBSIDIARY_OF", "validFrom", "2020")));
        for (Claim c : claims) {
            java.util.Map<String, Object> in = new java.util.HashMap<>(c.added());
            in.put("sources", List.of(cite(source)));
            JsonNode created = edit(add.formatted(c.addInput(), c.addMutation(), c.payload()), in)
                    .path(c.payload());
            java.util.Map<String, Object> fix = new java.util.HashMap<>(c.correction());
            fix.putAll(Map.of("id", created.path("id").asString(), "expectedRevision", 1));
            // a correction must say why
            refused(update.formatted(c.updateInput(), c.updateMutation(), c.payload()), fix, "REQUIRED");
            fix.put("changeNote", "corrected from the source");
            JsonNode corrected = edit(update.formatted(c.updateInput(), c.updateMutation(), c.payload()), fix);
            assertThat(corrected.path(c.payload()).path("revision").asInt())
                    .as(c.updateMutation())
                    .isEqualTo(2);
            assertThat(corrected.path("changed").asBoolean())
                    .as(c.updateMutation())
                    .isTrue();
            // and each can be withdrawn
            edit(WITHDRAW, Map.of("id", created.path("id").asString(), "expectedRevision", 2, "reason", "test record"));
            assertThat(api.query(HISTORY, Map.of("id", created.path("id").asString()))
                            .ok()
                            .path("node")
                            .path("__typename")
                            .asString())
                    .as(c.payload())
                    .isEqualTo("WithdrawnRecord");
        }
        // a product and its attribution; a source; a citation
        JsonNode product = edit(
                        "mutation($input: AddProductInput!) { addProduct(input: $input) { product { id revision attributions { id revision } } userErrors { code } } }",
                        Map.of(
                                "vendorId",
                                vendor,
                                "slug",
                                "curation-tool",
                                "name",
                                "Tool",
                                "kind",
                                "OTHER",
                                "confidence",
                                "LOW",
                                "sources",
                                List.of(cite(source))))
                .path("product");
        assertThat(edit(
                                "mutation($input: UpdateProductInput!) { updateProduct(input: $input) { product { name } changed userErrors { code } } }",
                                Map.of(
                                        "id",
                                        product.path("id").asString(),
                                        "expectedRevision",
                                        1,
                                        "name",
                                        "The Tool",
                                        "changeNote",
                                        "its real name"))
                        .path("product")
                        .path("name")
                        .asString())
                .isEqualTo("The Tool");
        assertThat(edit(
                                "mutation($input: UpdateProductAttributionInput!) { updateProductAttribution(input: $input) { attribution { confidence vendor { slug } } changed userErrors { code } } }",
                                Map.of(
                                        "id",
                                        product.path("attributions")
                                                .path(0)
                                                .path("id")
                                                .asString(),
                                        "expectedRevision",
                                        1,
                                        "confidence",
                                        "HIGH",
                                        "changeNote",
                                        "confirmed"))
                        .path("attribution")
                        .path("confidence")
                        .asString())
                .isEqualTo("HIGH");
        String sourceId = source;
        JsonNode src = api.query(
                        "query($id: ID!) { node(id: $id) { ... on Source { revision } } }", Map.of("id", sourceId))
                .ok()
                .path("node");
        assertThat(edit(
                                "mutation($input: UpdateSourceInput!) { updateSource(input: $input) { source { title } changed userErrors { code } } }",
                                Map.of(
                                        "id",
                                        sourceId,
                                        "expectedRevision",
                                        src.path("revision").asInt(),
                                        "title",
                                        "A corrected title",
                                        "changeNote",
                                        "typo"))
                        .path("source")
                        .path("title")
                        .asString())
                .isEqualTo("A corrected title");
        String name = edit(
                        MutationTest.ADD_NAME,
                        Map.of(
                                "vendorId",
                                vendor,
                                "name",
                                "Claims Ltd.",
                                "kind",
                                "AKA",
                                "confidence",
                                "LOW",
                                "sources",
                                List.of(cite(source))))
                .path("name")
                .path("id")
                .asString();
        JsonNode cited = edit(
                "mutation($input: UpdateCitationInput!) { updateCitation(input: $input) { citations { quote locator } changed userErrors { code } } }",
                Map.of("claimId", name, "sourceId", source, "locator", "p. 4", "changeNote", "page added"));
        assertThat(cited.path("citations").path(0).path("locator").asString()).isEqualTo("p. 4");
    }

    @Test
    void tiesAreAddedAndRemovedOneAtATimeAndNeverSilently() {
        String source = newSource("https://example.org/curation-ties");
        String vendor = newVendor("curation-ties-vendor");
        String set =
                "mutation($input: SetVendorJurisdictionsInput!) { setVendorJurisdictions(input: $input) { vendor { jurisdictions { code } } userErrors { field message code } } }";
        edit(
                set,
                Map.of(
                        "vendorId",
                        vendor,
                        "expectedRevision",
                        1,
                        "jurisdictions",
                        List.of(
                                Map.of(
                                        "country",
                                        "IL",
                                        "role",
                                        "OPERATIONS",
                                        "confidence",
                                        "LOW",
                                        "sources",
                                        List.of(cite(source))),
                                Map.of(
                                        "country",
                                        "CY",
                                        "role",
                                        "INCORPORATED",
                                        "confidence",
                                        "LOW",
                                        "sources",
                                        List.of(cite(source))))));
        // one new tie in the list would have deleted the other two: refused, naming them
        JsonNode payload = refused(
                set,
                Map.of(
                        "vendorId",
                        vendor,
                        "expectedRevision",
                        2,
                        "jurisdictions",
                        List.of(Map.of(
                                "country",
                                "GR",
                                "role",
                                "OPERATIONS",
                                "confidence",
                                "LOW",
                                "sources",
                                List.of(cite(source))))),
                "WOULD_REMOVE");
        assertThat(payload.path("userErrors").path(0).path("message").asString())
                .contains("CY/INCORPORATED", "IL/OPERATIONS");
        edit(
                "mutation($input: AddVendorJurisdictionInput!) { addVendorJurisdiction(input: $input) { jurisdiction { id } userErrors { code } } }",
                Map.of(
                        "vendorId",
                        vendor,
                        "country",
                        "GR",
                        "role",
                        "OPERATIONS",
                        "confidence",
                        "LOW",
                        "sources",
                        List.of(cite(source))));
        assertThat(api.query(
                                "query($s: String!) { vendor(slug: $s) { jurisdictions { code } } }",
                                Map.of("s", "curation-ties-vendor"))
                        .ok()
                        .path("vendor")
                        .path("jurisdictions")
                        .findValuesAsString("code"))
                .containsExactlyInAnyOrder("IL", "CY", "GR");
    }
}
