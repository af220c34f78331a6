package org.vendorwatch.source;

/** One claim-to-source link: {@code claimId} is the row id of the claim in its own table. */
public record CitationView(
        long claimId, SourceView source, String quote, String locator, String confidence, String aspect) {}
