package org.vendorwatch.source;

import java.time.LocalDate;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.vendorwatch.platform.graphql.GlobalId;
import org.vendorwatch.platform.read.Projected;

/**
 * A cited document. {@code sortOn} orders sources newest first; the GraphQL fields are in
 * {@code projected} (SourceReadModel.FIELDS).
 */
public record SourceView(long rowId, LocalDate sortOn, Map<String, @Nullable Object> projected) implements Projected {

    public String id() {
        return GlobalId.of("Source", rowId);
    }
}
