package org.vendorwatch.vendor;

import java.time.LocalDate;
import java.util.List;
import org.vendorwatch.platform.graphql.GlobalId;

/** Read models of the claims attached to a vendor. */
public final class VendorParts {

    private VendorParts() {}

    /** A name of a vendor. */
    public record VendorNameView(
            long rowId, long vendorId, String name, String kind, java.util.Map<String, Object> projected)
            implements org.vendorwatch.platform.read.Projected {
        public String id() {
            return GlobalId.of("VendorName", rowId);
        }
    }

    /** An external identifier. */
    public record VendorIdentifierView(
            long rowId, long vendorId, String scheme, String value, String confidence, int revision) {
        public String id() {
            return GlobalId.of("VendorIdentifier", rowId);
        }
    }

    /** A sourced note. */
    public record VendorNoteView(long rowId, long vendorId, String text, String confidence, int revision) {
        public String id() {
            return GlobalId.of("VendorNote", rowId);
        }
    }

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

    /** A statement by the vendor. */
    public record VendorStatementView(
            long rowId,
            long vendorId,
            LocalDate statedOn,
            String statedOnPrecision,
            String speaker,
            String quote,
            String summary,
            String confidence,
            List<String> notes,
            int revision) {
        public String id() {
            return GlobalId.of("VendorStatement", rowId);
        }
    }
}
