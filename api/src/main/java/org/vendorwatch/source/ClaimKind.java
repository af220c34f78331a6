package org.vendorwatch.source;

import static org.vendorwatch.db.Tables.CITATION;

import org.jooq.TableField;
import org.vendorwatch.db.tables.records.CitationRecord;

/** The kinds of claim a citation can support, each with its column in the citation table. */
public enum ClaimKind {
    VENDOR(CITATION.VENDOR_ID),
    VENDOR_NAME(CITATION.VENDOR_NAME_ID),
    VENDOR_JURISDICTION(CITATION.VENDOR_JURISDICTION_ID),
    VENDOR_IDENTIFIER(CITATION.VENDOR_IDENTIFIER_ID),
    VENDOR_RELATIONSHIP(CITATION.VENDOR_RELATIONSHIP_ID),
    PRODUCT_VENDOR(CITATION.PRODUCT_VENDOR_ID),
    SANCTION_EVENT(CITATION.SANCTION_EVENT_ID),
    SANCTION_ACTION(CITATION.SANCTION_ACTION_ID),
    ALLEGATION(CITATION.ALLEGATION_ID),
    ALLEGATION_DEVELOPMENT(CITATION.ALLEGATION_DEVELOPMENT_ID),
    VENDOR_STATEMENT(CITATION.VENDOR_STATEMENT_ID),
    VENDOR_NOTE(CITATION.VENDOR_NOTE_ID);

    final TableField<CitationRecord, Long> column;

    ClaimKind(TableField<CitationRecord, Long> column) {
        this.column = column;
    }
}
