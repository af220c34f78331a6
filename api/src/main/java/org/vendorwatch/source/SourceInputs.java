package org.vendorwatch.source;

import java.util.List;
import org.springframework.graphql.data.ArgumentValue;
import org.vendorwatch.platform.editing.Citations.CitationInput;

/** The source and citation mutations' inputs, bound by Spring for GraphQL from the schema's input types. */
public final class SourceInputs {

    private SourceInputs() {}

    public record AddSourceInput(
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

    public record UpdateSourceInput(
            String id,
            Integer expectedRevision,
            ArgumentValue<String> url,
            ArgumentValue<String> title,
            ArgumentValue<String> publisher,
            ArgumentValue<String> publishedOn,
            ArgumentValue<String> kind,
            ArgumentValue<String> access,
            ArgumentValue<String> citation,
            ArgumentValue<String> archivedUrl,
            ArgumentValue<List<String>> seenVia,
            ArgumentValue<List<String>> relatedUrls,
            ArgumentValue<String> note,
            String changeNote) {}

    public record AttachCitationInput(String claimId, CitationInput citation) {}

    public record DetachCitationInput(String claimId, String sourceId, String aspect, String changeNote) {}

    public record UpdateCitationInput(
            String claimId,
            String sourceId,
            String aspect,
            ArgumentValue<String> quote,
            ArgumentValue<String> locator,
            ArgumentValue<String> confidence,
            String changeNote) {}
}
