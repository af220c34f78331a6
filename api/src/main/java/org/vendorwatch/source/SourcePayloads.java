package org.vendorwatch.source;

import java.util.List;
import org.vendorwatch.platform.editing.UserError;

/** Payloads of the source and citation mutations. */
public final class SourcePayloads {

    private SourcePayloads() {}

    /** The source (the existing one when its URL was known: {@code created} false). */
    public record SourcePayload(SourceView source, boolean created, boolean changed, List<UserError> userErrors) {}

    /** A claim's citations after the change. */
    public record CitationsPayload(List<CitationView> citations, boolean changed, List<UserError> userErrors) {
        static CitationsPayload failed(List<UserError> errors) {
            return new CitationsPayload(null, false, errors);
        }
    }
}
