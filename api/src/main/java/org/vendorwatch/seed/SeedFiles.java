package org.vendorwatch.seed;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import java.util.Map;

/** The shape of the files under seed/ (see seed/FORMAT.md). Empty lists where a file omits one. */
final class SeedFiles {

    private SeedFiles() {}

    static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    /** A source reference: a bare key, or a map with quote, locator and confidence. */
    record SourceRef(String source, String quote, String locator, String confidence) {
        @JsonCreator
        static SourceRef of(String key) {
            return new SourceRef(key, null, null, null);
        }
    }

    record Sources(List<SourceSeed> sources) {}

    record SourceSeed(
            String key,
            String url,
            String title,
            String publisher,
            String publishedOn,
            String kind,
            String access,
            String citation,
            String archivedUrl,
            List<String> seenVia,
            List<String> relatedUrls,
            String note) {}

    record Sanctions(List<AuthoritySeed> authorities, List<ProgramSeed> programs, List<EventSeed> events) {}

    record AuthoritySeed(String code, String name, String country) {}

    record ProgramSeed(String code, String authority, String name) {}

    record EventSeed(
            String key,
            String authority,
            String program,
            String programDetail,
            String actionType,
            String title,
            String announcedOn,
            String publishedOn,
            String effectiveOn,
            String liftedOn,
            String citation,
            String documentNumber,
            String pressRelease,
            String url,
            String licenseRequirement,
            String licenseExceptions,
            String licensePolicy,
            String summary,
            String confidence,
            Map<String, String> confidenceDetail,
            List<String> notes,
            List<SourceRef> sources,
            List<TargetSeed> targets) {}

    record TargetSeed(
            String vendor,
            String person,
            String affiliatedVendor,
            String listedName,
            List<String> listedAliases,
            String listedAddress,
            String reason,
            String liftedOn,
            String liftedBy,
            String confidence,
            List<String> notes,
            List<SourceRef> sources) {}

    record Allegations(List<AllegationSeed> allegations) {}

    record AllegationSeed(
            String key,
            List<String> vendors,
            String title,
            String summary,
            String category,
            String status,
            String statusReason,
            String firstReportedOn,
            String reportedBy,
            String confidence,
            Map<String, String> confidenceDetail,
            List<String> notes,
            List<SourceRef> sources,
            List<DevelopmentSeed> developments) {}

    record DevelopmentSeed(
            String key,
            String occurredOn,
            String description,
            String confidence,
            List<String> notes,
            List<SourceRef> sources) {}

    record VendorSeed(
            String key,
            String slug,
            String name,
            String kind,
            String status,
            String description,
            FoundedSeed founded,
            String website,
            List<IdentifierSeed> identifiers,
            List<NameSeed> names,
            List<JurisdictionSeed> jurisdictions,
            List<ProductSeed> products,
            List<RelationshipSeed> relationships,
            List<StatementSeed> statements,
            List<NoteSeed> notes) {}

    record FoundedSeed(Integer year, String confidence, List<SourceRef> sources) {}

    record IdentifierSeed(String scheme, String value, String confidence, List<SourceRef> sources) {}

    record NameSeed(
            String name,
            String kind,
            String listedIn,
            String validFrom,
            String validTo,
            Boolean weak,
            String confidence,
            String note,
            List<SourceRef> sources) {}

    record JurisdictionSeed(String country, String role, String detail, String confidence, List<SourceRef> sources) {}

    record ProductSeed(
            String key, String name, String kind, String description, String confidence, List<SourceRef> sources) {}

    record RelationshipSeed(
            String type,
            String target,
            String description,
            String validFrom,
            String validTo,
            String confidence,
            List<SourceRef> sources) {}

    record StatementSeed(
            String key,
            String statedOn,
            String speaker,
            String quote,
            String summary,
            String confidence,
            List<String> notes,
            List<SourceRef> sources) {}

    record NoteSeed(String key, String text, String confidence, List<SourceRef> sources) {}

    record Manifest(Map<String, Object> provenance, Map<String, Integer> counts) {}
}
