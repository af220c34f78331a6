package org.vendorwatch.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.vendorwatch.db.Tables.SEED_STATE;
import static org.vendorwatch.db.Tables.VENDOR;
import static org.vendorwatch.db.Tables.VENDOR_NAME;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.vendorwatch.VendorwatchApplication;
import org.vendorwatch.support.EditingSupport;
import org.vendorwatch.support.EditingTest;
import org.vendorwatch.support.SeedCopy;
import org.vendorwatch.support.Tokens;
import tools.jackson.databind.JsonNode;

/**
 * The seed bootstraps; editors own the data after that. Editors change, withdraw and add records
 * through the API; a new version of the seed ships; the service restarts (a second application
 * context on the same database, which loads the seed exactly as a start does): every editor change
 * is intact, untouched records took the seed's changes, and what could not be applied is listed as a
 * conflict. The release command, run afterwards with yet another seed, loads nothing.
 */
@EditingTest
@TestPropertySource(properties = "vendorwatch.database.name=seed_ownership")
class SeedOwnershipTest extends EditingSupport {

    static final Path SEED = copySeed();

    @DynamicPropertySource
    static void seedCopy(DynamicPropertyRegistry registry) {
        registry.add("vendorwatch.seed.location", () -> SEED.toUri().toString());
    }

    @AfterAll
    static void deleteCopy() throws IOException {
        SeedCopy.delete(SEED);
    }

    static final String CONFLICTS =
            "{ seedConflicts(first: 20) { totalCount edges { node { id seedKey recordType kind fields seedValues currentValues } } } }";

    @Test
    void aNewSeedNeverOverwritesEditorsWorkAndListsWhatItCouldNotApply() throws Exception {
        // --- editors at work --------------------------------------------------------------------
        JsonNode nso = vendor("nso-group");
        edit(
                "mutation($input: UpdateVendorInput!) { updateVendor(input: $input) { vendor { id } changed userErrors { code } } }",
                Map.of(
                        "id",
                        nso.path("id").asString(),
                        "expectedRevision",
                        nso.path("revision").asInt(),
                        "description",
                        "Corrected by an editor.",
                        "changeNote",
                        "the seed's wording overstated it"));
        JsonNode candiru = vendor("candiru");
        JsonNode tabatha = name(candiru, "Tabatha Ltd.", "AKA");
        edit(
                "mutation($input: UpdateVendorNameInput!) { updateVendorName(input: $input) { name { id } changed userErrors { code } } }",
                Map.of(
                        "id",
                        tabatha.path("id").asString(),
                        "expectedRevision",
                        1,
                        "confidence",
                        "LOW",
                        "changeNote",
                        "one source only"));
        JsonNode dfFormer = name(candiru, "DF Associates Ltd.", "FORMER_NAME");
        edit(
                "mutation($input: WithdrawRecordInput!) { withdrawRecord(input: $input) { withdrawn { id } userErrors { code } } }",
                Map.of(
                        "id",
                        dfFormer.path("id").asString(),
                        "expectedRevision",
                        1,
                        "reason",
                        "A duplicate of the AKA entry."));
        String source = newSource("https://example.org/seed-ownership");
        JsonNode pt = vendor("positive-technologies");
        addName(pt.path("id").asString(), "PT Security", "TRADE_NAME", source);
        int coseincRevision = revision("coseinc");

        // --- a new seed ships: four changes, two removals -------------------------------------------
        edit(SEED.resolve("vendors/nso_group.yaml"), "description: \"", "description: \"(v2) ");
        edit(SEED.resolve("vendors/coseinc.yaml"), "description: \"", "description: \"(v2) ");
        edit(SEED.resolve("vendors/candiru.yaml"), """
                  - name: "Greenwick Solutions"
                    kind: AKA
                    listed_in: "US Entity List (Nov 2021 entry)"
                    weak: false
                    confidence: medium
                    sources: [src_csl_snapshot]
                  - name: "Tabatha Ltd."
                    kind: AKA
                    listed_in: "US Entity List (Nov 2021 entry)"
                    weak: false
                    confidence: medium
                    sources: [src_csl_snapshot]
                """, "");
        edit(
                SEED.resolve("vendors/candiru.yaml"),
                "note: \"Reported former name (2017);",
                "note: \"(v2) Reported former name (2017);");
        // the seed now adds the name an editor added first: theirs stands, and the service still starts
        edit(SEED.resolve("vendors/positive_technologies.yaml"), "names:\n", """
                names:
                  - name: "PT SECURITY"
                    kind: TRADE_NAME
                    weak: false
                    confidence: medium
                    sources: [src_csl_snapshot]
                """);

        // --- the service restarts on the same database --------------------------------------------
        try (ConfigurableApplicationContext restarted = start(Map.of())) {
            assertThat(restarted.isActive()).isTrue();
        }

        // the editor's description stays; the seed's change to it is a conflict
        String nsoDescription = dsl.select(VENDOR.DESCRIPTION)
                .from(VENDOR)
                .where(VENDOR.SLUG.eq("nso-group"))
                .fetchSingle(VENDOR.DESCRIPTION);
        assertThat(nsoDescription).isEqualTo("Corrected by an editor.");
        // an untouched record took the seed's change, audited as the seed's
        assertThat(dsl.select(VENDOR.DESCRIPTION)
                        .from(VENDOR)
                        .where(VENDOR.SLUG.eq("coseinc"))
                        .fetchSingle(VENDOR.DESCRIPTION))
                .startsWith("(v2) ");
        assertThat(revision("coseinc")).isEqualTo(coseincRevision + 1);
        // the name an editor corrected stays although the seed dropped it; the untouched one the seed dropped is gone
        assertThat(names("Tabatha Ltd.")).containsExactly("LOW");
        assertThat(names("Greenwick Solutions")).isEmpty();
        // the withdrawn name is not re-created; the editor's own name is there
        assertThat(dsl.fetchCount(
                        VENDOR_NAME, VENDOR_NAME.NAME.eq("DF Associates Ltd.").and(VENDOR_NAME.KIND.eq("FORMER_NAME"))))
                .isZero();
        assertThat(names("PT Security")).containsExactly("MEDIUM");

        JsonNode conflicts = api.query(CONFLICTS).ok().path("seedConflicts");
        assertThat(conflicts.path("totalCount").asInt())
                .as(conflicts.toString())
                .isEqualTo(4);
        Map<String, JsonNode> byKind = new java.util.HashMap<>();
        conflicts
                .path("edges")
                .forEach(e -> byKind.put(e.path("node").path("kind").asString(), e.path("node")));
        assertThat(byKind.get("EDITED").path("seedKey").asString()).isEqualTo("nso_group");
        assertThat(byKind.get("EDITED").path("fields").toString()).contains("description");
        assertThat(byKind.get("EDITED")
                        .path("currentValues")
                        .path("description")
                        .asString())
                .isEqualTo("Corrected by an editor.");
        assertThat(byKind.get("EDITED").path("seedValues").path("description").asString())
                .startsWith("(v2) ");
        assertThat(byKind.get("KEPT_AFTER_SEED_REMOVAL").path("seedKey").asString())
                .contains("Tabatha");
        assertThat(byKind.get("REMOVED_BY_EDITOR").path("seedKey").asString()).contains("DF Associates");
        assertThat(byKind.get("BLOCKED_BY_EDITS").path("seedKey").asString()).contains("PT SECURITY");

        // an editor settles one by applying the seed's value: an editor's correction, in history
        JsonNode resolved = edit(
                "mutation($input: ResolveSeedConflictInput!) { resolveSeedConflict(input: $input) { conflict { resolution resolvedAt } userErrors { code } } }",
                Map.of(
                        "id",
                        byKind.get("EDITED").path("id").asString(),
                        "resolution",
                        "APPLY_SEED",
                        "reason",
                        "the v2 wording is right"));
        assertThat(resolved.path("conflict").path("resolution").asString()).isEqualTo("APPLIED_SEED");
        assertThat(dsl.select(VENDOR.DESCRIPTION)
                        .from(VENDOR)
                        .where(VENDOR.SLUG.eq("nso-group"))
                        .fetchSingle(VENDOR.DESCRIPTION))
                .startsWith("(v2) ");
        JsonNode event = as(
                        Tokens.editor(),
                        "query($id: ID!) { node(id: $id) { ... on Vendor { history(first: 1) { edges { node { mutation actor { username } reason } } } } } }",
                        Map.of("id", nso.path("id").asString()))
                .ok()
                .path("node")
                .path("history")
                .path("edges")
                .path(0)
                .path("node");
        assertThat(event.path("mutation").asString()).isEqualTo("resolveSeedConflict");
        assertThat(event.path("actor").path("username").asString()).isEqualTo("editor");
        // an APPLY_SEED on a record the editors removed is refused: that one is theirs to decide by hand
        refused(
                "mutation($input: ResolveSeedConflictInput!) { resolveSeedConflict(input: $input) { conflict { id } userErrors { code } } }",
                Map.of(
                        "id",
                        byKind.get("REMOVED_BY_EDITOR").path("id").asString(),
                        "resolution",
                        "APPLY_SEED",
                        "reason",
                        "x"),
                "INVALID_VALUE");
        assertThat(api.query(CONFLICTS)
                        .ok()
                        .path("seedConflicts")
                        .path("totalCount")
                        .asInt())
                .isEqualTo(3);

        // a release runs no seed load, even with a changed seed and the seed switched on
        String loaded = dsl.select(SEED_STATE.CONTENT_SHA256).from(SEED_STATE).fetchSingle(SEED_STATE.CONTENT_SHA256);
        edit(SEED.resolve("vendors/coseinc.yaml"), "description: \"(v2) ", "description: \"(v3) ");
        try (ConfigurableApplicationContext release = start(Map.of(
                "vendorwatch.release.create",
                "true",
                "vendorwatch.seed.enabled",
                "true",
                "vendorwatch.releases.dir",
                Files.createTempDirectory("vw-release").toString()))) {
            assertThat(release.isActive()).isTrue();
        }
        assertThat(dsl.select(SEED_STATE.CONTENT_SHA256).from(SEED_STATE).fetchSingle(SEED_STATE.CONTENT_SHA256))
                .isEqualTo(loaded);
        assertThat(dsl.select(VENDOR.DESCRIPTION)
                        .from(VENDOR)
                        .where(VENDOR.SLUG.eq("coseinc"))
                        .fetchSingle(VENDOR.DESCRIPTION))
                .startsWith("(v2) ");
    }

    /** Starts the service again on this test's database and seed copy (no web server: the database is what matters). */
    private static ConfigurableApplicationContext start(Map<String, Object> more) {
        Map<String, Object> props = new java.util.HashMap<>(Map.of(
                "vendorwatch.database.ephemeral",
                "true",
                "vendorwatch.database.name",
                "seed_ownership",
                "vendorwatch.seed.location",
                SEED.toUri().toString(),
                "vendorwatch.auth.issuer-uri",
                Tokens.ISSUER,
                "vendorwatch.auth.jwk-set-uri",
                Tokens.jwksUri(),
                "vendorwatch.auth.userinfo-uri",
                Tokens.userinfoUri()));
        props.putAll(more);
        // as command-line arguments: they take precedence over application.yaml, as a deployment's settings do
        String[] args = props.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(VendorwatchApplication.class)
                .web(WebApplicationType.NONE)
                .run(args);
    }

    private JsonNode name(JsonNode vendor, String name, String kind) {
        for (JsonNode n : vendor.path("names")) {
            if (n.path("name").asString().equals(name)
                    && n.path("kind").asString().equals(kind)) {
                return n;
            }
        }
        throw new AssertionError("no " + kind + " " + name);
    }

    private int revision(String slug) {
        return dsl.select(VENDOR.REVISION)
                .from(VENDOR)
                .where(VENDOR.SLUG.eq(slug))
                .fetchSingle(VENDOR.REVISION);
    }

    private List<String> names(String name) {
        return dsl.select(VENDOR_NAME.CONFIDENCE)
                .from(VENDOR_NAME)
                .where(VENDOR_NAME.NAME.eq(name))
                .fetch(VENDOR_NAME.CONFIDENCE);
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).as(file + " holds the text to change").contains(from);
        Files.writeString(
                file,
                text.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
    }

    private static Path copySeed() {
        try {
            return SeedCopy.into(Files.createTempDirectory("vw-seed-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
