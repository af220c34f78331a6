package org.vendorwatch.bulk;

import java.util.LinkedHashMap;
import java.util.Map;

/** Every bulk file by name: the table-shaped datasets in CSV and JSON Lines, and the two documents. */
public final class Exports {

    private Exports() {
    }

    /** A downloadable file: its name, media type and COPY statement. */
    public record Export(String file, String mediaType, String copySql, String dataset) {
    }

    public static final Map<String, Export> ALL;

    static {
        Map<String, Export> m = new LinkedHashMap<>();
        for (String name : Datasets.ORDER) {
            Datasets.Dataset d = Datasets.ALL.get(name);
            m.put(name + ".csv", new Export(name + ".csv", "text/csv; charset=utf-8", BulkQueries.copySql(d, BulkQueries.Format.CSV), name));
            m.put(name + ".jsonl", new Export(name + ".jsonl", "application/x-ndjson", BulkQueries.copySql(d, BulkQueries.Format.JSONL), name));
        }
        m.put("vendors.nested.jsonl", new Export("vendors.nested.jsonl", "application/x-ndjson",
                BulkQueries.jsonLines(Documents.NESTED_VENDORS), "vendors.nested"));
        m.put("ftm.jsonl", new Export("ftm.jsonl", "application/x-ndjson", BulkQueries.jsonLines(Documents.FTM), "ftm"));
        ALL = java.util.Collections.unmodifiableMap(m);
    }
}
