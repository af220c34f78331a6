package org.vendorwatch.vendor;

import java.util.List;

import org.vendorwatch.platform.editing.UserError;
import org.vendorwatch.product.ProductQueries.ProductView;
import org.vendorwatch.vendor.VendorParts.VendorNameView;
import org.vendorwatch.vendor.VendorParts.VendorRelationshipView;
import org.vendorwatch.vendor.VendorParts.VendorStatementView;

/** Payloads of the vendor mutations: the record written (null on failure) and the user errors. */
public final class VendorPayloads {

    private VendorPayloads() {
    }

    public record VendorPayload(VendorView vendor, List<UserError> userErrors) {
        static VendorPayload failed(List<UserError> errors) {
            return new VendorPayload(null, errors);
        }
    }

    public record NamePayload(VendorNameView name, List<UserError> userErrors) {
        static NamePayload failed(List<UserError> errors) {
            return new NamePayload(null, errors);
        }
    }

    public record RelationshipPayload(VendorRelationshipView relationship, List<UserError> userErrors) {
        static RelationshipPayload failed(List<UserError> errors) {
            return new RelationshipPayload(null, errors);
        }
    }

    public record ProductPayload(ProductView product, List<UserError> userErrors) {
        static ProductPayload failed(List<UserError> errors) {
            return new ProductPayload(null, errors);
        }
    }

    public record StatementPayload(VendorStatementView statement, List<UserError> userErrors) {
        static StatementPayload failed(List<UserError> errors) {
            return new StatementPayload(null, errors);
        }
    }
}
