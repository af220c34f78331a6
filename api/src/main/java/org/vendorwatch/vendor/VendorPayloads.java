package org.vendorwatch.vendor;

import java.util.List;
import java.util.function.LongFunction;
import org.vendorwatch.jurisdiction.JurisdictionQueries.VendorJurisdictionView;
import org.vendorwatch.platform.editing.Edits.Outcome;
import org.vendorwatch.platform.editing.UserError;
import org.vendorwatch.product.ProductQueries.ProductAttributionView;
import org.vendorwatch.product.ProductQueries.ProductView;
import org.vendorwatch.vendor.VendorParts.VendorIdentifierView;
import org.vendorwatch.vendor.VendorParts.VendorNameView;
import org.vendorwatch.vendor.VendorParts.VendorNoteView;
import org.vendorwatch.vendor.VendorParts.VendorRelationshipView;
import org.vendorwatch.vendor.VendorParts.VendorStatementView;

/**
 * Payloads of the vendor mutations: the record as it is after the write (null when refused),
 * whether anything changed, and the user errors.
 */
public final class VendorPayloads {

    private VendorPayloads() {}

    /** The record of a successful outcome, or null. */
    static <V> V record(Outcome o, LongFunction<V> load) {
        return o.ok() && o.id() != null ? load.apply(o.id()) : null;
    }

    public record VendorPayload(VendorView vendor, boolean changed, List<UserError> userErrors) {
        static VendorPayload of(Outcome o, LongFunction<VendorView> load) {
            return new VendorPayload(record(o, load), o.changed(), o.errors());
        }
    }

    public record NamePayload(VendorNameView name, boolean changed, List<UserError> userErrors) {
        static NamePayload of(Outcome o, LongFunction<VendorNameView> load) {
            return new NamePayload(record(o, load), o.changed(), o.errors());
        }
    }

    public record JurisdictionPayload(
            VendorJurisdictionView jurisdiction, boolean changed, List<UserError> userErrors) {
        static JurisdictionPayload of(Outcome o, LongFunction<VendorJurisdictionView> load) {
            return new JurisdictionPayload(record(o, load), o.changed(), o.errors());
        }
    }

    public record IdentifierPayload(VendorIdentifierView identifier, boolean changed, List<UserError> userErrors) {
        static IdentifierPayload of(Outcome o, LongFunction<VendorIdentifierView> load) {
            return new IdentifierPayload(record(o, load), o.changed(), o.errors());
        }
    }

    public record NotePayload(VendorNoteView note, boolean changed, List<UserError> userErrors) {
        static NotePayload of(Outcome o, LongFunction<VendorNoteView> load) {
            return new NotePayload(record(o, load), o.changed(), o.errors());
        }
    }

    public record RelationshipPayload(
            VendorRelationshipView relationship, boolean changed, List<UserError> userErrors) {
        static RelationshipPayload of(Outcome o, LongFunction<VendorRelationshipView> load) {
            return new RelationshipPayload(record(o, load), o.changed(), o.errors());
        }
    }

    public record ProductPayload(ProductView product, boolean changed, List<UserError> userErrors) {
        static ProductPayload of(Outcome o, LongFunction<ProductView> load) {
            return new ProductPayload(record(o, load), o.changed(), o.errors());
        }
    }

    public record AttributionPayload(ProductAttributionView attribution, boolean changed, List<UserError> userErrors) {
        static AttributionPayload of(Outcome o, LongFunction<ProductAttributionView> load) {
            return new AttributionPayload(record(o, load), o.changed(), o.errors());
        }
    }

    public record StatementPayload(VendorStatementView statement, boolean changed, List<UserError> userErrors) {
        static StatementPayload of(Outcome o, LongFunction<VendorStatementView> load) {
            return new StatementPayload(record(o, load), o.changed(), o.errors());
        }
    }
}
