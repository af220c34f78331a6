package org.vendorwatch.vendor;

import java.time.OffsetDateTime;
import java.util.Map;
import org.vendorwatch.platform.graphql.GlobalId;
import org.vendorwatch.platform.read.Projected;

/**
 * A vendor. The components are what Java code works with ({@code sortName} is the folded name keyset
 * cursors carry); the GraphQL fields are read from {@code projected}, filled by the one definition
 * in {@link VendorReadModel#FIELDS}.
 */
public record VendorView(
        long rowId,
        String slug,
        String name,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt,
        String sortName,
        Map<String, Object> projected)
        implements Projected {

    public String id() {
        return GlobalId.of("Vendor", rowId);
    }
}
