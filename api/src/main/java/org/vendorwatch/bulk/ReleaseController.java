package org.vendorwatch.bulk;

import java.util.List;
import java.util.Map;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** GraphQL bindings of releases. */
@Controller
public class ReleaseController {

    private final Releases releases;

    public ReleaseController(Releases releases) {
        this.releases = releases;
    }

    /** Counts as a list for GraphQL. */
    public record DatasetCount(String dataset, long rows) {}

    @QueryMapping
    public List<Releases.Manifest> releases() {
        return releases.list();
    }

    @SchemaMapping(typeName = "Release", field = "id")
    public String id(Releases.Manifest m) {
        return m.release();
    }

    @SchemaMapping(typeName = "Release", field = "createdAt")
    public java.time.OffsetDateTime createdAt(Releases.Manifest m) {
        return java.time.OffsetDateTime.parse(m.createdAt());
    }

    @SchemaMapping(typeName = "Release", field = "rowCounts")
    public List<DatasetCount> rowCounts(Releases.Manifest m) {
        return m.rowCounts().entrySet().stream()
                .map((Map.Entry<String, Long> e) -> new DatasetCount(e.getKey(), e.getValue()))
                .toList();
    }
}
