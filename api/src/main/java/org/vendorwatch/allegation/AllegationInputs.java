package org.vendorwatch.allegation;

import java.util.List;
import org.springframework.graphql.data.ArgumentValue;
import org.vendorwatch.platform.editing.Citations.CitationInput;

/** The allegation mutations' inputs, bound by Spring for GraphQL from the schema's input types. */
public final class AllegationInputs {

    private AllegationInputs() {}

    public record FileAllegationInput(
            List<String> vendorIds,
            String title,
            String summary,
            String category,
            String firstReportedOn,
            String reportedBy,
            String confidence,
            List<String> notes,
            List<CitationInput> sources) {}

    public record UpdateAllegationInput(
            String id,
            Integer expectedRevision,
            ArgumentValue<List<String>> vendorIds,
            ArgumentValue<String> title,
            ArgumentValue<String> summary,
            ArgumentValue<String> category,
            ArgumentValue<String> firstReportedOn,
            ArgumentValue<String> reportedBy,
            ArgumentValue<String> confidence,
            ArgumentValue<List<String>> notes,
            List<CitationInput> sources,
            String changeNote) {}

    public record ChangeAllegationStatusInput(
            String id, Integer expectedRevision, String status, String reason, List<CitationInput> sources) {}

    public record AddAllegationDevelopmentInput(
            String allegationId,
            String occurredOn,
            String description,
            String confidence,
            List<String> notes,
            List<CitationInput> sources) {}

    public record UpdateAllegationDevelopmentInput(
            String id,
            Integer expectedRevision,
            ArgumentValue<String> occurredOn,
            ArgumentValue<String> description,
            ArgumentValue<String> confidence,
            ArgumentValue<List<String>> notes,
            List<CitationInput> sources,
            String changeNote) {}
}
