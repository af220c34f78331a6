package org.vendorwatch.platform.editing;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.vendorwatch.db.Tables;
import org.vendorwatch.db.tables.records.CitationRecord;

/**
 * Every kind of record editors write, described once: its name in the API and the audit trail, its
 * table, which vendor's history it belongs to, and the citation column that sources it. The write
 * pipeline ({@link Edits}), withdrawals, merges, citations and the audit trail's public snapshots
 * all read this table rather than restating it.
 */
public enum RecordType {
    VENDOR("Vendor", Tables.VENDOR, Tables.VENDOR.ID, Tables.CITATION.VENDOR_ID),
    VENDOR_NAME("VendorName", Tables.VENDOR_NAME, Tables.VENDOR_NAME.VENDOR_ID, Tables.CITATION.VENDOR_NAME_ID),
    VENDOR_JURISDICTION(
            "VendorJurisdiction",
            Tables.VENDOR_JURISDICTION,
            Tables.VENDOR_JURISDICTION.VENDOR_ID,
            Tables.CITATION.VENDOR_JURISDICTION_ID),
    VENDOR_IDENTIFIER(
            "VendorIdentifier",
            Tables.VENDOR_IDENTIFIER,
            Tables.VENDOR_IDENTIFIER.VENDOR_ID,
            Tables.CITATION.VENDOR_IDENTIFIER_ID),
    VENDOR_RELATIONSHIP(
            "VendorRelationship",
            Tables.VENDOR_RELATIONSHIP,
            Tables.VENDOR_RELATIONSHIP.SUBJECT_VENDOR_ID,
            Tables.CITATION.VENDOR_RELATIONSHIP_ID),
    VENDOR_STATEMENT(
            "VendorStatement",
            Tables.VENDOR_STATEMENT,
            Tables.VENDOR_STATEMENT.VENDOR_ID,
            Tables.CITATION.VENDOR_STATEMENT_ID),
    VENDOR_NOTE("VendorNote", Tables.VENDOR_NOTE, Tables.VENDOR_NOTE.VENDOR_ID, Tables.CITATION.VENDOR_NOTE_ID),
    PRODUCT("Product", Tables.PRODUCT, null, null),
    PRODUCT_VENDOR(
            "ProductVendor", Tables.PRODUCT_VENDOR, Tables.PRODUCT_VENDOR.VENDOR_ID, Tables.CITATION.PRODUCT_VENDOR_ID),
    SANCTION_AUTHORITY("SanctionAuthority", Tables.SANCTION_AUTHORITY, null, Tables.CITATION.SANCTION_AUTHORITY_ID),
    SANCTION_PROGRAM("SanctionProgram", Tables.SANCTION_PROGRAM, null, Tables.CITATION.SANCTION_PROGRAM_ID),
    SANCTION_EVENT("SanctionEvent", Tables.SANCTION_EVENT, null, Tables.CITATION.SANCTION_EVENT_ID),
    SANCTION_ACTION(
            "SanctionAction",
            Tables.SANCTION_ACTION,
            DSL.coalesce(Tables.SANCTION_ACTION.VENDOR_ID, Tables.SANCTION_ACTION.AFFILIATED_VENDOR_ID),
            Tables.CITATION.SANCTION_ACTION_ID),
    ALLEGATION("Allegation", Tables.ALLEGATION, Tables.ALLEGATION.VENDOR_ID, Tables.CITATION.ALLEGATION_ID),
    ALLEGATION_VENDOR("AllegationVendor", Tables.ALLEGATION_VENDOR, Tables.ALLEGATION_VENDOR.VENDOR_ID, null),
    ALLEGATION_DEVELOPMENT(
            "AllegationDevelopment",
            Tables.ALLEGATION_DEVELOPMENT,
            DSL.field(DSL.select(Tables.ALLEGATION.VENDOR_ID)
                    .from(Tables.ALLEGATION)
                    .where(Tables.ALLEGATION.ID.eq(Tables.ALLEGATION_DEVELOPMENT.ALLEGATION_ID))),
            Tables.CITATION.ALLEGATION_DEVELOPMENT_ID),
    SOURCE("Source", Tables.SOURCE, null, null),
    CITATION_LINK("Citation", Tables.CITATION, Vendors.OF_CITATION, null);

    /** How a citation belongs to a vendor's history: through the claim it supports. */
    private static final class Vendors {
        static final Field<Long> OF_CITATION = DSL.coalesce(
                Tables.CITATION.VENDOR_ID,
                claimVendor(Tables.VENDOR_NAME.VENDOR_ID, Tables.VENDOR_NAME.ID, Tables.CITATION.VENDOR_NAME_ID),
                claimVendor(
                        Tables.VENDOR_JURISDICTION.VENDOR_ID,
                        Tables.VENDOR_JURISDICTION.ID,
                        Tables.CITATION.VENDOR_JURISDICTION_ID),
                claimVendor(
                        Tables.VENDOR_IDENTIFIER.VENDOR_ID,
                        Tables.VENDOR_IDENTIFIER.ID,
                        Tables.CITATION.VENDOR_IDENTIFIER_ID),
                claimVendor(
                        Tables.VENDOR_RELATIONSHIP.SUBJECT_VENDOR_ID,
                        Tables.VENDOR_RELATIONSHIP.ID,
                        Tables.CITATION.VENDOR_RELATIONSHIP_ID),
                claimVendor(
                        Tables.PRODUCT_VENDOR.VENDOR_ID, Tables.PRODUCT_VENDOR.ID, Tables.CITATION.PRODUCT_VENDOR_ID),
                claimVendor(
                        DSL.coalesce(Tables.SANCTION_ACTION.VENDOR_ID, Tables.SANCTION_ACTION.AFFILIATED_VENDOR_ID),
                        Tables.SANCTION_ACTION.ID,
                        Tables.CITATION.SANCTION_ACTION_ID),
                claimVendor(Tables.ALLEGATION.VENDOR_ID, Tables.ALLEGATION.ID, Tables.CITATION.ALLEGATION_ID),
                claimVendor(
                        Tables.VENDOR_STATEMENT.VENDOR_ID,
                        Tables.VENDOR_STATEMENT.ID,
                        Tables.CITATION.VENDOR_STATEMENT_ID),
                claimVendor(Tables.VENDOR_NOTE.VENDOR_ID, Tables.VENDOR_NOTE.ID, Tables.CITATION.VENDOR_NOTE_ID),
                DSL.field(DSL.select(Tables.ALLEGATION.VENDOR_ID)
                        .from(Tables.ALLEGATION)
                        .join(Tables.ALLEGATION_DEVELOPMENT)
                        .on(Tables.ALLEGATION_DEVELOPMENT.ALLEGATION_ID.eq(Tables.ALLEGATION.ID))
                        .where(Tables.ALLEGATION_DEVELOPMENT.ID.eq(Tables.CITATION.ALLEGATION_DEVELOPMENT_ID))));

        private static Field<Long> claimVendor(Field<Long> vendor, TableField<?, Long> id, Field<Long> citationColumn) {
            return DSL.field(DSL.select(vendor).from(id.getTable()).where(id.eq(citationColumn)));
        }
    }

    /**
     * Columns that are the database's own bookkeeping, not part of the public record: left out of
     * audit snapshots, history and change-feed values.
     */
    public static final List<String> INTERNAL_COLUMNS =
            List.of("seed_key", "folded", "sort_name", "sort_on", "lifted_by_event_id");

    private final String typeName;
    private final Table<?> table;
    private final Field<Long> vendor;
    private final TableField<CitationRecord, Long> citationColumn;

    RecordType(String typeName, Table<?> table, Field<Long> vendor, TableField<CitationRecord, Long> citationColumn) {
        this.typeName = typeName;
        this.table = table;
        this.vendor = vendor;
        this.citationColumn = citationColumn;
    }

    /** The name in the API and the audit trail, e.g. {@code VendorName}. */
    public String typeName() {
        return typeName;
    }

    public Table<?> table() {
        return table;
    }

    /** The vendor whose history the record belongs to, as an expression over {@link #table()}; null when none. */
    public Field<Long> vendor() {
        return vendor;
    }

    /** The citation column that sources this kind of record; null when it is not a sourced claim. */
    public TableField<CitationRecord, Long> citationColumn() {
        return citationColumn;
    }

    public boolean hasRevision() {
        return table.field("revision") != null;
    }

    @SuppressWarnings("unchecked")
    public Field<Long> id() {
        return (Field<Long>) table.field("id");
    }

    public static Optional<RecordType> byTypeName(String name) {
        return Arrays.stream(values()).filter(t -> t.typeName.equals(name)).findFirst();
    }

    public static Optional<RecordType> byTableName(String tableName) {
        return Arrays.stream(values())
                .filter(t -> t.table.getName().equals(tableName))
                .findFirst();
    }

    public static RecordType of(Table<?> table) {
        return Arrays.stream(values())
                .filter(t -> t.table.equals(table))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not an editable table: " + table.getName()));
    }

    /** Claim types a citation can support, by the name used in {@code attachCitation}. */
    public static Set<String> citable() {
        return Set.copyOf(Arrays.stream(values())
                .filter(t -> t.citationColumn != null)
                .map(RecordType::typeName)
                .toList());
    }
}
