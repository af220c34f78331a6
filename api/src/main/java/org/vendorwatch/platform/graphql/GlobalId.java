package org.vendorwatch.platform.graphql;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * Opaque global ids: base64url of {@code Type:rowId}. Clients must not parse them; the format is
 * ours to change.
 */
public record GlobalId(String type, long rowId) {

    public static final Set<String> TYPES = Set.of(
            "Vendor",
            "SanctionAction",
            "SanctionEvent",
            "Allegation",
            "VendorStatement",
            "Product",
            "Source",
            "VendorName",
            "VendorJurisdiction",
            "VendorIdentifier",
            "VendorRelationship",
            "VendorNote",
            "AllegationDevelopment",
            "AuditEvent",
            "Change",
            "ProductVendor",
            "SanctionAuthority",
            "SanctionProgram",
            "SeedConflict",
            "Citation",
            "AllegationVendor",
            "VendorMerge");

    public static String of(String type, long rowId) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((type + ":" + rowId).getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes an id this API issued, or throws {@link ApiException} with {@code INVALID_ID}. */
    public static GlobalId parse(String id) {
        if (id == null || id.isEmpty() || id.length() > 100) {
            throw invalid();
        }
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(id), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        int colon = raw.indexOf(':');
        if (colon < 1 || !TYPES.contains(raw.substring(0, colon))) {
            throw invalid();
        }
        try {
            long rowId = Long.parseLong(raw.substring(colon + 1));
            if (rowId < 1) {
                throw invalid();
            }
            return new GlobalId(raw.substring(0, colon), rowId);
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static ApiException invalid() {
        return new ApiException(ErrorCode.INVALID_ID, "Not a valid id. Use an id returned by this API.");
    }
}
