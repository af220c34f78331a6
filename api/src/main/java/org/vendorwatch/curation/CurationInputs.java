package org.vendorwatch.curation;

/** The curation mutations' inputs, bound by Spring for GraphQL from the schema's input types. */
public final class CurationInputs {

    private CurationInputs() {}

    public record WithdrawRecordInput(String id, Integer expectedRevision, String reason) {}

    public record ResolveSeedConflictInput(String id, String resolution, String reason) {}

    public record RedactValueInput(String id, String field, String reason) {}
}
