package org.vendorwatch.sanction;

import java.util.List;
import org.springframework.graphql.data.ArgumentValue;
import org.vendorwatch.platform.editing.Citations.CitationInput;

/** The sanction mutations' inputs, bound by Spring for GraphQL from the schema's input types. */
public final class SanctionInputs {

    private SanctionInputs() {}

    public record RecordSanctionActionInput(
            String eventId,
            String vendorId,
            String personName,
            String affiliatedVendorId,
            String authority,
            String program,
            String programDetail,
            String actionType,
            String title,
            String announcedOn,
            String publishedOn,
            String effectiveOn,
            String citation,
            String documentNumber,
            String pressRelease,
            String url,
            String licenseRequirement,
            String licenseExceptions,
            String licensePolicy,
            String summary,
            List<String> eventNotes,
            String listedName,
            List<String> listedAliases,
            String listedAddress,
            String reason,
            List<String> notes,
            String confidence,
            List<CitationInput> sources) {}

    public record AmendSanctionActionInput(
            String id,
            Integer expectedRevision,
            ArgumentValue<String> vendorId,
            ArgumentValue<String> personName,
            ArgumentValue<String> affiliatedVendorId,
            ArgumentValue<String> listedName,
            ArgumentValue<List<String>> listedAliases,
            ArgumentValue<String> listedAddress,
            ArgumentValue<String> reason,
            ArgumentValue<String> liftedOn,
            ArgumentValue<String> confidence,
            ArgumentValue<List<String>> notes,
            List<CitationInput> sources,
            String changeNote) {}

    public record UpdateSanctionEventInput(
            String id,
            Integer expectedRevision,
            ArgumentValue<String> authority,
            ArgumentValue<String> program,
            ArgumentValue<String> programDetail,
            ArgumentValue<String> actionType,
            ArgumentValue<String> title,
            ArgumentValue<String> announcedOn,
            ArgumentValue<String> publishedOn,
            ArgumentValue<String> effectiveOn,
            ArgumentValue<String> liftedOn,
            ArgumentValue<String> citation,
            ArgumentValue<String> documentNumber,
            ArgumentValue<String> pressRelease,
            ArgumentValue<String> url,
            ArgumentValue<String> licenseRequirement,
            ArgumentValue<String> licenseExceptions,
            ArgumentValue<String> licensePolicy,
            ArgumentValue<String> summary,
            ArgumentValue<String> confidence,
            ArgumentValue<List<String>> notes,
            List<CitationInput> sources,
            String changeNote) {}

    public record LiftSanctionActionInput(
            String id, Integer expectedRevision, String liftedOn, List<CitationInput> sources, String changeNote) {}

    public record AddSanctionAuthorityInput(String code, String name, String country, List<CitationInput> sources) {}

    public record AddSanctionProgramInput(String code, String authority, String name, List<CitationInput> sources) {}
}
