package org.vendorwatch.vendor;

import java.util.List;
import org.springframework.graphql.data.ArgumentValue;
import org.vendorwatch.platform.editing.Citations.CitationInput;

/**
 * The vendor mutations' inputs, bound by Spring for GraphQL from the schema's input types of the
 * same names. In updates, {@link ArgumentValue} tells a field left out (unchanged) from one set to
 * null (cleared).
 */
public final class VendorInputs {

    private VendorInputs() {}

    public record CreateVendorInput(
            String slug,
            String name,
            String kind,
            String status,
            String description,
            Integer foundedYear,
            String foundedConfidence,
            List<CitationInput> foundedSources,
            String website) {}

    public record UpdateVendorInput(
            String id,
            Integer expectedRevision,
            ArgumentValue<String> slug,
            ArgumentValue<String> name,
            ArgumentValue<String> kind,
            ArgumentValue<String> status,
            ArgumentValue<String> description,
            ArgumentValue<String> website,
            ArgumentValue<Integer> foundedYear,
            ArgumentValue<String> foundedConfidence,
            List<CitationInput> foundedSources,
            String changeNote) {}

    public record MergeVendorsInput(
            String duplicateId,
            Integer duplicateRevision,
            String survivorId,
            Integer survivorRevision,
            String reason) {}

    public record AddVendorNameInput(
            String vendorId,
            String name,
            String kind,
            String listedIn,
            String validFrom,
            String validTo,
            Boolean weak,
            String confidence,
            String note,
            List<CitationInput> sources) {}

    public record UpdateVendorNameInput(
            String id,
            Integer expectedRevision,
            ArgumentValue<String> name,
            ArgumentValue<String> kind,
            ArgumentValue<String> listedIn,
            ArgumentValue<String> validFrom,
            ArgumentValue<String> validTo,
            ArgumentValue<Boolean> weak,
            ArgumentValue<String> confidence,
            ArgumentValue<String> note,
            List<CitationInput> sources,
            String changeNote) {}

    public record RemoveVendorNameInput(String id, Integer expectedRevision, String changeNote) {}

    public record VendorJurisdictionInput(
            String country, String role, String detail, String confidence, List<CitationInput> sources) {}

    public record SetVendorJurisdictionsInput(
            String vendorId,
            Integer expectedRevision,
            List<VendorJurisdictionInput> jurisdictions,
            Boolean confirmRemovals,
            String changeNote) {}

    public record AddVendorJurisdictionInput(
            String vendorId,
            String country,
            String role,
            String detail,
            String confidence,
            List<CitationInput> sources) {}

    public record UpdateVendorJurisdictionInput(
            String id,
            Integer expectedRevision,
            ArgumentValue<String> country,
            ArgumentValue<String> role,
            ArgumentValue<String> detail,
            ArgumentValue<String> confidence,
            List<CitationInput> sources,
            String changeNote) {}

    public record AddVendorIdentifierInput(
            String vendorId, String scheme, String value, String confidence, List<CitationInput> sources) {}

    public record UpdateVendorIdentifierInput(
            String id,
            Integer expectedRevision,
            ArgumentValue<String> scheme,
            ArgumentValue<String> value,
            ArgumentValue<String> confidence,
            List<CitationInput> sources,
            String changeNote) {}

    public record AddVendorNoteInput(String vendorId, String text, String confidence, List<CitationInput> sources) {}

    public record UpdateVendorNoteInput(
            String id,
            Integer expectedRevision,
            ArgumentValue<String> text,
            ArgumentValue<String> confidence,
            List<CitationInput> sources,
            String changeNote) {}

    public record AddVendorStatementInput(
            String vendorId,
            String statedOn,
            String speaker,
            String quote,
            String summary,
            String confidence,
            List<String> notes,
            List<CitationInput> sources) {}

    public record UpdateVendorStatementInput(
            String id,
            Integer expectedRevision,
            ArgumentValue<String> statedOn,
            ArgumentValue<String> speaker,
            ArgumentValue<String> quote,
            ArgumentValue<String> summary,
            ArgumentValue<String> confidence,
            ArgumentValue<List<String>> notes,
            List<CitationInput> sources,
            String changeNote) {}

    public record AddVendorRelationshipInput(
            String subjectId,
            String type,
            String objectId,
            String description,
            String validFrom,
            String validTo,
            String confidence,
            List<CitationInput> sources) {}

    public record UpdateVendorRelationshipInput(
            String id,
            Integer expectedRevision,
            ArgumentValue<String> subjectId,
            ArgumentValue<String> type,
            ArgumentValue<String> objectId,
            ArgumentValue<String> description,
            ArgumentValue<String> validFrom,
            ArgumentValue<String> validTo,
            ArgumentValue<String> confidence,
            List<CitationInput> sources,
            String changeNote) {}

    public record EndVendorRelationshipInput(
            String id, Integer expectedRevision, String validTo, List<CitationInput> sources, String changeNote) {}

    public record AddProductInput(
            String vendorId,
            String slug,
            String name,
            String kind,
            String description,
            String confidence,
            List<CitationInput> sources) {}

    public record UpdateProductInput(
            String id,
            Integer expectedRevision,
            ArgumentValue<String> slug,
            ArgumentValue<String> name,
            ArgumentValue<String> kind,
            ArgumentValue<String> description,
            String changeNote) {}

    public record UpdateProductAttributionInput(
            String id,
            Integer expectedRevision,
            ArgumentValue<String> confidence,
            List<CitationInput> sources,
            String changeNote) {}
}
