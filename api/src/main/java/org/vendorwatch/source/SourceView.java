package org.vendorwatch.source;

import java.time.LocalDate;
import java.util.List;
import org.vendorwatch.platform.graphql.GlobalId;

/** A cited document, as the API shows it. */
public record SourceView(
        long rowId,
        String url,
        String title,
        String publisher,
        LocalDate publishedOn,
        String publishedOnPrecision,
        String kind,
        String access,
        String citation,
        String archivedUrl,
        List<String> seenVia,
        List<String> relatedUrls,
        String note,
        LocalDate sortOn,
        int revision) {

    public String id() {
        return GlobalId.of("Source", rowId);
    }
}
