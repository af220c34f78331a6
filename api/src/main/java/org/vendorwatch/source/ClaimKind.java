package org.vendorwatch.source;

/** The kinds of claim a citation can support (each has its own column in the citation table). */
public enum ClaimKind {
    VENDOR,
    VENDOR_NAME,
    VENDOR_JURISDICTION,
    VENDOR_IDENTIFIER,
    VENDOR_RELATIONSHIP,
    PRODUCT_VENDOR,
    SANCTION_EVENT,
    SANCTION_ACTION,
    ALLEGATION,
    ALLEGATION_DEVELOPMENT,
    VENDOR_STATEMENT,
    VENDOR_NOTE,
    SANCTION_AUTHORITY,
    SANCTION_PROGRAM
}
