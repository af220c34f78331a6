package org.vendorwatch.vendor;

import java.time.LocalDate;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.vendorwatch.platform.graphql.GlobalId;
import org.vendorwatch.platform.read.Projected;

/** Read models of the claims attached to a vendor. */
public final class VendorParts {

    private VendorParts() {}

    /** A name of a vendor. */
    public record VendorNameView(
            long rowId, long vendorId, String name, String kind, java.util.Map<String, @Nullable Object> projected)
            implements org.vendorwatch.platform.read.Projected {
        public String id() {
            return GlobalId.of("VendorName", rowId);
        }
    }

    /** An external identifier; its GraphQL fields in {@code projected} (VendorReadModel.IDENTIFIER_FIELDS). */
    public record VendorIdentifierView(long rowId, long vendorId, Map<String, @Nullable Object> projected)
            implements Projected {}

    /** A sourced note; its GraphQL fields in {@code projected} (VendorReadModel.NOTE_FIELDS). */
    public record VendorNoteView(long rowId, long vendorId, Map<String, @Nullable Object> projected)
            implements Projected {}

    /** A relationship {@code subject TYPE object}. */
    public record VendorRelationshipView(
            long rowId,
            long subjectId,
            String type,
            long objectId,
            String description,
            LocalDate validFrom,
            String validFromPrecision,
            LocalDate validTo,
            String validToPrecision,
            String confidence,
            int revision) {
        public String id() {
            return GlobalId.of("VendorRelationship", rowId);
        }
    }

    /** A statement by the vendor; its GraphQL fields in {@code projected} (VendorReadModel.STATEMENT_FIELDS). */
    public record VendorStatementView(long rowId, long vendorId, Map<String, @Nullable Object> projected)
            implements Projected {}
}
