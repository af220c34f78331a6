package org.vendorwatch.bulk;

import java.util.LinkedHashMap;
import java.util.Map;

/** Every bulk file by name: the table-shaped datasets in CSV and JSON Lines, and the two documents. */
public final class Exports {

    private Exports() {}

    /** How a file is made: a dataset as CSV or as JSON Lines, or a document (one JSON text per line). */
    public enum Kind {
        CSV,
        JSONL,
        DOCUMENT
    }

    /** A downloadable file: its name, media type, the dataset or document it holds, and how it is made. */
    public record Export(String file, String mediaType, String dataset, Kind kind) {}

    public static final Map<String, Export> ALL;

    static {
        Map<String, Export> m = new LinkedHashMap<>();
        for (String name : Datasets.ORDER) {
            m.put(name + ".csv", new Export(name + ".csv", "text/csv; charset=utf-8", name, Kind.CSV));
            m.put(name + ".jsonl", new Export(name + ".jsonl", "application/x-ndjson", name, Kind.JSONL));
        }
        m.put(
                "vendors.nested.jsonl",
                new Export("vendors.nested.jsonl", "application/x-ndjson", "vendors.nested", Kind.DOCUMENT));
        m.put("ftm.jsonl", new Export("ftm.jsonl", "application/x-ndjson", "ftm", Kind.DOCUMENT));
        ALL = java.util.Collections.unmodifiableMap(m);
    }

    /** The SELECT of a document: one JSON text per row. */
    static String documentSelect(String name) {
        return switch (name) {
            case "vendors.nested" -> Documents.NESTED_VENDORS;
            case "ftm" -> Documents.FTM;
            default -> throw new IllegalArgumentException("no document " + name);
        };
    }
}
