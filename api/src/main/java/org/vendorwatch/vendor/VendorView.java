package org.vendorwatch.vendor;

import java.time.OffsetDateTime;

import org.vendorwatch.platform.graphql.GlobalId;

/** A vendor, as the API shows it. {@code sortName} is the folded name that keyset cursors carry. */
public record VendorView(long rowId, String slug, String name, String kind, String status, String description,
                         Integer foundedYear, String foundedConfidence, String website, boolean isSanctioned,
                         int revision, OffsetDateTime createdAt, OffsetDateTime updatedAt, String sortName) {

    public String id() {
        return GlobalId.of("Vendor", rowId);
    }
}
