package org.vendorwatch.bulk;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table-shaped bulk datasets: one SQL select each, with a stable column order. The same select
 * feeds CSV (arrays as JSON text) and JSON Lines (arrays as arrays). Ids are the database's row ids,
 * stable within a release and across releases, so datasets join on them (vendor_id, source_id ...).
 * Each column is documented in the data dictionary: by the comment of the table column it comes from
 * ({@code table.column}) or by its own description.
 */
public final class Datasets {

    private Datasets() {}

    /** A column: its name, the SQL expression, and where its description comes from. */
    public record Column(String name, String sql, String describedBy) {
        static Column of(String table, String name) {
            return new Column(name, table.substring(0, 1) + "." + name, table + "." + name);
        }

        static Column derived(String name, String sql, String description) {
            return new Column(name, sql, description);
        }
    }

    /** A dataset: its name, description, columns, and the FROM/ORDER BY that makes its rows. */
    public record Dataset(String name, String description, List<Column> columns, String from, String orderBy) {

        public String select() {
            StringBuilder sb = new StringBuilder("select ");
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(columns.get(i).sql())
                        .append(" as ")
                        .append(columns.get(i).name());
            }
            return sb.append(" from ")
                    .append(from)
                    .append(" order by ")
                    .append(orderBy)
                    .toString();
        }
    }

    private static Column col(String table, String name) {
        return Column.of(table, name);
    }

    private static Column json(String table, String name) {
        String alias = table.substring(0, 1);
        return new Column(name, "to_jsonb(" + alias + "." + name + ")", table + "." + name);
    }

    /** The claim columns of a citation: the column, its claim_type (the older name), its dataset. */
    private static final List<String[]> CLAIMS = List.of(
            new String[] {"vendor_id", "vendor", "vendors"}, new String[] {"vendor_name_id", "name", "names"},
            new String[] {"vendor_jurisdiction_id", "jurisdiction", "jurisdictions"},
                    new String[] {"vendor_identifier_id", "identifier", "identifiers"},
            new String[] {"vendor_relationship_id", "relationship", "relationships"},
                    new String[] {"product_vendor_id", "product", "products"},
            new String[] {"sanction_event_id", "sanction_event", "sanction_events"},
                    new String[] {"sanction_action_id", "sanction_action", "sanction_actions"},
            new String[] {"allegation_id", "allegation", "allegations"},
                    new String[] {"allegation_development_id", "allegation_development", "developments"},
            new String[] {"vendor_statement_id", "statement", "statements"},
                    new String[] {"vendor_note_id", "note", "notes"},
            new String[] {"sanction_authority_id", "sanction_authority", "authorities"},
                    new String[] {"sanction_program_id", "sanction_program", "programs"});

    /** {@code case when c.<column> is not null then '<name>' ...}: the claim's type (1) or dataset (2). */
    private static String claimCase(int which) {
        StringBuilder sb = new StringBuilder("case");
        for (String[] c : CLAIMS) {
            sb.append(" when c.")
                    .append(c[0])
                    .append(" is not null then '")
                    .append(c[which])
                    .append("'");
        }
        return sb.append(" end").toString();
    }

    public static final Map<String, Dataset> ALL;

    /** Dataset names in their documented order. */
    public static final List<String> ORDER;

    static {
        Map<String, Dataset> m = new LinkedHashMap<>();
        add(
                m,
                new Dataset(
                        "vendors",
                        "Every vendor, one row each.",
                        List.of(
                                col("vendor", "id"),
                                col("vendor", "slug"),
                                col("vendor", "name"),
                                col("vendor", "kind"),
                                col("vendor", "status"),
                                col("vendor", "description"),
                                col("vendor", "founded_year"),
                                col("vendor", "founded_confidence"),
                                col("vendor", "website"),
                                col("vendor", "revision"),
                                col("vendor", "created_at"),
                                col("vendor", "updated_at")),
                        "vendor v",
                        "v.id"));
        add(
                m,
                new Dataset(
                        "names",
                        "Every other name of every vendor (legal, listed, former, a.k.a., codenames).",
                        List.of(
                                col("vendor_name", "id"),
                                col("vendor_name", "vendor_id"),
                                Column.derived(
                                        "vendor_slug",
                                        "(select slug from vendor where id = v.vendor_id)",
                                        "The vendor's slug."),
                                col("vendor_name", "name"),
                                col("vendor_name", "kind"),
                                col("vendor_name", "listed_in"),
                                col("vendor_name", "valid_from"),
                                col("vendor_name", "valid_from_precision"),
                                col("vendor_name", "valid_to"),
                                col("vendor_name", "valid_to_precision"),
                                col("vendor_name", "weak"),
                                col("vendor_name", "confidence"),
                                col("vendor_name", "note")),
                        "vendor_name v",
                        "v.id"));
        add(
                m,
                new Dataset(
                        "jurisdictions",
                        "Every tie of a vendor to a country, with its role.",
                        List.of(
                                col("vendor_jurisdiction", "id"),
                                col("vendor_jurisdiction", "vendor_id"),
                                Column.derived(
                                        "vendor_slug",
                                        "(select slug from vendor where id = v.vendor_id)",
                                        "The vendor's slug."),
                                col("vendor_jurisdiction", "country_code"),
                                Column.derived(
                                        "country_name",
                                        "(select name from jurisdiction where code = v.country_code)",
                                        "English short name of the country."),
                                col("vendor_jurisdiction", "role"),
                                col("vendor_jurisdiction", "detail"),
                                col("vendor_jurisdiction", "confidence")),
                        "vendor_jurisdiction v",
                        "v.id"));
        add(
                m,
                new Dataset(
                        "relationships",
                        "Every relationship between two vendors: subject TYPE object.",
                        List.of(
                                col("vendor_relationship", "id"),
                                col("vendor_relationship", "subject_vendor_id"),
                                col("vendor_relationship", "type"),
                                col("vendor_relationship", "object_vendor_id"),
                                col("vendor_relationship", "description"),
                                col("vendor_relationship", "valid_from"),
                                col("vendor_relationship", "valid_from_precision"),
                                col("vendor_relationship", "valid_to"),
                                col("vendor_relationship", "valid_to_precision"),
                                col("vendor_relationship", "confidence")),
                        "vendor_relationship v",
                        "v.id"));
        add(
                m,
                new Dataset(
                        "identifiers",
                        "Every registry or list identifier of a vendor (company numbers, tax ids, list entry numbers).",
                        List.of(
                                col("vendor_identifier", "id"),
                                col("vendor_identifier", "vendor_id"),
                                Column.derived(
                                        "vendor_slug",
                                        "(select slug from vendor where id = v.vendor_id)",
                                        "The vendor's slug."),
                                col("vendor_identifier", "scheme"),
                                col("vendor_identifier", "value"),
                                col("vendor_identifier", "confidence"),
                                col("vendor_identifier", "revision"),
                                col("vendor_identifier", "updated_at")),
                        "vendor_identifier v",
                        "v.id"));
        add(
                m,
                new Dataset(
                        "notes",
                        "Every editorial note on a vendor.",
                        List.of(
                                col("vendor_note", "id"),
                                col("vendor_note", "vendor_id"),
                                Column.derived(
                                        "vendor_slug",
                                        "(select slug from vendor where id = v.vendor_id)",
                                        "The vendor's slug."),
                                col("vendor_note", "text"),
                                col("vendor_note", "confidence"),
                                col("vendor_note", "revision"),
                                col("vendor_note", "updated_at")),
                        "vendor_note v",
                        "v.id"));
        add(
                m,
                new Dataset(
                        "products",
                        "Every attribution of a product to a vendor (a product with two vendors has two rows).",
                        List.of(
                                Column.derived("id", "pv.id", "Row id of the attribution."),
                                Column.derived("product_id", "p.id", "Row id of the product."),
                                Column.derived("product_slug", "p.slug", "The product's slug."),
                                Column.derived("name", "p.name", "Name of the product."),
                                Column.derived("kind", "p.kind", "SPYWARE, EXPLOIT, EXPLOIT_PROGRAM, EVENT or OTHER."),
                                Column.derived("description", "p.description", "Short description from the sources."),
                                Column.derived("vendor_id", "pv.vendor_id", "The vendor it is attributed to."),
                                Column.derived("confidence", "pv.confidence", "Confidence in the attribution.")),
                        "product_vendor pv join product p on p.id = pv.product_id",
                        "pv.id"));
        add(
                m,
                new Dataset(
                        "sanction_actions",
                        "Every sanction or export-control action, one row per target, with its act's fields.",
                        List.of(
                                Column.derived("id", "a.id", "Row id of the action (one target of one act)."),
                                Column.derived(
                                        "event_id",
                                        "e.id",
                                        "Row id of the government act; targets of one act share it."),
                                Column.derived(
                                        "vendor_id",
                                        "a.vendor_id",
                                        "The targeted vendor, when the target is a vendor."),
                                Column.derived(
                                        "person_name",
                                        "a.person_name",
                                        "The targeted person, when the target is a person."),
                                Column.derived(
                                        "affiliated_vendor_id",
                                        "a.affiliated_vendor_id",
                                        "For a person: the vendor they are linked to."),
                                Column.derived("authority", "e.authority_code", "Code of the authority, e.g. US_BIS."),
                                Column.derived(
                                        "program",
                                        "e.program_code",
                                        "Code of the list or program, e.g. US_ENTITY_LIST."),
                                Column.derived(
                                        "program_detail",
                                        "e.program_detail",
                                        "The program or legal basis as worded by the sources."),
                                Column.derived(
                                        "action_type",
                                        "e.action_type",
                                        "LISTED, DESIGNATED, AMENDED, REMOVED, VISA_RESTRICTION, POLICY or RESOLUTION."),
                                Column.derived("title", "e.title", "Title of the act."),
                                Column.derived("announced_on", "e.announced_on", "When the act was announced."),
                                Column.derived(
                                        "published_on",
                                        "e.published_on",
                                        "When it was published in the official journal."),
                                Column.derived("effective_on", "e.effective_on", "When it took effect."),
                                Column.derived(
                                        "lifted_on",
                                        org.vendorwatch.sanction.SanctionQueries.liftedOnSql("a", "e"),
                                        "When it was lifted for this target, if it was."),
                                Column.derived("citation", "e.citation", "Official citation, e.g. 86 FR 60759."),
                                Column.derived("document_number", "e.document_number", "Official document number."),
                                Column.derived("press_release", "e.press_release", "Press release number or title."),
                                Column.derived("url", "e.url", "Official URL of the act."),
                                Column.derived("license_requirement", "e.license_requirement", "Licence requirement."),
                                Column.derived("license_exceptions", "e.license_exceptions", "Licence exceptions."),
                                Column.derived("license_policy", "e.license_policy", "Licence review policy."),
                                Column.derived(
                                        "listed_name", "a.listed_name", "The name exactly as the list prints it."),
                                Column.derived(
                                        "listed_aliases",
                                        "to_jsonb(a.listed_aliases)",
                                        "The a.k.a. names as listed (a JSON array in CSV)."),
                                Column.derived("listed_address", "a.listed_address", "The address as listed."),
                                Column.derived("reason", "a.reason", "The stated reason for this target."),
                                Column.derived("confidence", "a.confidence", "Confidence in this entry."),
                                Column.derived("act_confidence", "e.confidence", "Overall confidence in the act."),
                                Column.derived(
                                        "act_confidence_detail",
                                        "e.confidence_detail",
                                        "Confidence per aspect of the act (JSON)."),
                                Column.derived(
                                        "notes",
                                        "to_jsonb(a.notes || e.notes)",
                                        "Caveats of the entry and the act (a JSON array in CSV).")),
                        "sanction_action a join sanction_event e on e.id = a.event_id",
                        "a.id"));
        add(
                m,
                new Dataset(
                        "sanction_events",
                        "Every government act (rule, designation, delisting, policy measure), with or without targets; "
                                + "sanction_actions.event_id points here.",
                        List.of(
                                col("sanction_event", "id"),
                                Column.derived(
                                        "authority",
                                        "s.authority_code",
                                        "Code of the authority, e.g. US_BIS (authorities.code)."),
                                Column.derived(
                                        "program",
                                        "s.program_code",
                                        "Code of the list or program, e.g. US_ENTITY_LIST (programs.code)."),
                                col("sanction_event", "program_detail"),
                                col("sanction_event", "action_type"),
                                col("sanction_event", "title"),
                                col("sanction_event", "summary"),
                                col("sanction_event", "announced_on"),
                                col("sanction_event", "announced_precision"),
                                col("sanction_event", "published_on"),
                                col("sanction_event", "published_precision"),
                                col("sanction_event", "effective_on"),
                                col("sanction_event", "effective_precision"),
                                col("sanction_event", "lifted_on"),
                                col("sanction_event", "lifted_precision"),
                                col("sanction_event", "citation"),
                                col("sanction_event", "document_number"),
                                col("sanction_event", "press_release"),
                                col("sanction_event", "url"),
                                col("sanction_event", "license_requirement"),
                                col("sanction_event", "license_exceptions"),
                                col("sanction_event", "license_policy"),
                                Column.derived(
                                        "target_count",
                                        "(select count(*) from sanction_action a where a.event_id = s.id)",
                                        "How many targets (rows of sanction_actions) the act has; 0 for a measure without named targets."),
                                col("sanction_event", "confidence"),
                                col("sanction_event", "confidence_detail"),
                                json("sanction_event", "notes"),
                                col("sanction_event", "revision"),
                                col("sanction_event", "updated_at")),
                        "sanction_event s",
                        "s.id"));
        add(
                m,
                new Dataset(
                        "authorities",
                        "Every sanction authority (the codes sanction_events.authority takes).",
                        List.of(
                                col("sanction_authority", "id"),
                                col("sanction_authority", "code"),
                                col("sanction_authority", "name"),
                                col("sanction_authority", "country_code"),
                                col("sanction_authority", "revision"),
                                col("sanction_authority", "updated_at")),
                        "sanction_authority s",
                        "s.id"));
        add(
                m,
                new Dataset(
                        "programs",
                        "Every sanction list or programme (the codes sanction_events.program takes).",
                        List.of(
                                col("sanction_program", "id"),
                                col("sanction_program", "code"),
                                col("sanction_program", "authority_code"),
                                col("sanction_program", "name"),
                                col("sanction_program", "revision"),
                                col("sanction_program", "updated_at")),
                        "sanction_program s",
                        "s.id"));
        add(
                m,
                new Dataset(
                        "allegations",
                        "Every allegation, with its status and the vendors it names.",
                        List.of(
                                col("allegation", "id"),
                                Column.derived("vendor_id", "a.vendor_id", "The primary vendor."),
                                Column.derived(
                                        "vendor_ids",
                                        "(select to_jsonb(array_agg(av.vendor_id order by av.vendor_id)) from allegation_vendor av where av.allegation_id = a.id)",
                                        "Every vendor the allegation names (a JSON array in CSV)."),
                                col("allegation", "title"),
                                col("allegation", "summary"),
                                col("allegation", "category"),
                                col("allegation", "status"),
                                col("allegation", "status_reason"),
                                col("allegation", "first_reported_on"),
                                col("allegation", "first_reported_precision"),
                                col("allegation", "reported_by"),
                                col("allegation", "confidence"),
                                col("allegation", "confidence_detail"),
                                json("allegation", "notes"),
                                col("allegation", "revision"),
                                col("allegation", "updated_at")),
                        "allegation a",
                        "a.id"));
        add(
                m,
                new Dataset(
                        "developments",
                        "Every development of an allegation (a court ruling, a denial, a follow-up report), oldest first per allegation.",
                        List.of(
                                col("allegation_development", "id"),
                                col("allegation_development", "allegation_id"),
                                col("allegation_development", "occurred_on"),
                                col("allegation_development", "occurred_precision"),
                                col("allegation_development", "description"),
                                col("allegation_development", "confidence"),
                                json("allegation_development", "notes"),
                                col("allegation_development", "revision"),
                                col("allegation_development", "updated_at")),
                        "allegation_development a",
                        "a.id"));
        add(
                m,
                new Dataset(
                        "statements",
                        "Every statement by a vendor (right of reply).",
                        List.of(
                                col("vendor_statement", "id"),
                                col("vendor_statement", "vendor_id"),
                                col("vendor_statement", "stated_on"),
                                col("vendor_statement", "stated_precision"),
                                col("vendor_statement", "speaker"),
                                col("vendor_statement", "quote"),
                                col("vendor_statement", "summary"),
                                col("vendor_statement", "confidence"),
                                json("vendor_statement", "notes")),
                        "vendor_statement v",
                        "v.id"));
        add(
                m,
                new Dataset(
                        "sources",
                        "Every cited document.",
                        List.of(
                                col("source", "id"),
                                col("source", "url"),
                                col("source", "title"),
                                col("source", "publisher"),
                                col("source", "published_on"),
                                col("source", "published_precision"),
                                col("source", "kind"),
                                col("source", "access"),
                                col("source", "citation"),
                                col("source", "archived_url"),
                                json("source", "seen_via"),
                                json("source", "related_urls"),
                                col("source", "note")),
                        "source s",
                        "s.id"));
        add(
                m,
                new Dataset(
                        "citations",
                        "Every link between a claim and a source: claim_type and claim_id say which claim.",
                        List.of(
                                col("citation", "id"),
                                col("citation", "source_id"),
                                Column.derived(
                                        "claim_type",
                                        claimCase(1),
                                        "The dataset of the claim: vendor, name, jurisdiction, identifier, relationship, product, sanction_event (the act behind sanction_actions.event_id), sanction_action, allegation, allegation_development, statement, note, sanction_authority or sanction_program (an authority or programme an editor added)."),
                                Column.derived(
                                        "claim_dataset",
                                        claimCase(2),
                                        "The dataset (file) holding the claim: claim_id is the id column of that dataset."),
                                Column.derived(
                                        "claim_id",
                                        "coalesce("
                                                + String.join(
                                                        ", ",
                                                        CLAIMS.stream()
                                                                .map(c -> "c." + c[0])
                                                                .toList()) + ")",
                                        "Row id of the claim in its dataset."),
                                col("citation", "aspect"),
                                col("citation", "quote"),
                                col("citation", "locator"),
                                col("citation", "confidence")),
                        "citation c",
                        "c.id"));
        ALL = Map.copyOf(m);
        ORDER = List.copyOf(m.keySet());
    }

    /** Where a table's rows are published: the dataset, and the column holding the row's id there. */
    public record Home(String dataset, String idColumn) {}

    /**
     * Every table of public records, and where its rows are in the flat files (allegation_vendor rows are
     * the {@code vendor_ids} of allegations). A test fails when a table of records is missing here.
     */
    public static final Map<String, Home> TABLES = Map.ofEntries(
            Map.entry("vendor", new Home("vendors", "id")), Map.entry("vendor_name", new Home("names", "id")),
            Map.entry("vendor_jurisdiction", new Home("jurisdictions", "id")),
                    Map.entry("vendor_identifier", new Home("identifiers", "id")),
            Map.entry("vendor_note", new Home("notes", "id")),
                    Map.entry("vendor_relationship", new Home("relationships", "id")),
            Map.entry("product", new Home("products", "product_id")),
                    Map.entry("product_vendor", new Home("products", "id")),
            Map.entry("sanction_event", new Home("sanction_events", "id")),
                    Map.entry("sanction_action", new Home("sanction_actions", "id")),
            Map.entry("sanction_authority", new Home("authorities", "id")),
                    Map.entry("sanction_program", new Home("programs", "id")),
            Map.entry("allegation", new Home("allegations", "id")),
                    Map.entry("allegation_vendor", new Home("allegations", "vendor_ids")),
            Map.entry("allegation_development", new Home("developments", "id")),
                    Map.entry("vendor_statement", new Home("statements", "id")),
            Map.entry("source", new Home("sources", "id")), Map.entry("citation", new Home("citations", "id")));

    /** The dataset of each GraphQL record type (every type with a revision, and citations). */
    public static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("Vendor", "vendors"),
            Map.entry("VendorName", "names"),
            Map.entry("VendorJurisdiction", "jurisdictions"),
            Map.entry("VendorIdentifier", "identifiers"),
            Map.entry("VendorNote", "notes"),
            Map.entry("VendorRelationship", "relationships"),
            Map.entry("Product", "products"),
            Map.entry("ProductAttribution", "products"),
            Map.entry("SanctionEvent", "sanction_events"),
            Map.entry("SanctionAction", "sanction_actions"),
            Map.entry("SanctionAuthority", "authorities"),
            Map.entry("SanctionProgram", "programs"),
            Map.entry("Allegation", "allegations"),
            Map.entry("AllegationDevelopment", "developments"),
            Map.entry("VendorStatement", "statements"),
            Map.entry("Source", "sources"),
            Map.entry("Citation", "citations"));

    private static void add(Map<String, Dataset> m, Dataset d) {
        m.put(d.name(), d);
    }
}
