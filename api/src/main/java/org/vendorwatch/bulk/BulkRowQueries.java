package org.vendorwatch.bulk;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.vendorwatch.audit.ChangeQueries.ChangeView;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code Change.bulkRows}: the rows of the flat bulk files a change touches, as they are now. A mirror
 * applies them in feed order (upsert a row, delete where the row is null) and its copy of the files
 * stays equal to {@code /bulk}. Besides the record's own row, a change touches the rows that repeat
 * its fields: a vendor's slug is in its names, ties, identifiers and notes; an act's fields are in
 * each of its actions; a product's in each attribution; an action counts in its act's target_count;
 * an allegation's vendors are its vendor_ids.
 */
@Component
public class BulkRowQueries {

    /** A row of a bulk dataset: its id, and the row as the JSON Lines file has it (null: gone). */
    public record BulkRowView(String dataset, long id, String row) {}

    /** Rows of {@code dataset} whose {@code column} holds the changed record's id. */
    private record Dependent(String dataset, String column) {}

    private static final Map<String, List<Dependent>> DEPENDENTS = Map.of(
            "vendor",
                    List.of(
                            new Dependent("names", "vendor_id"),
                            new Dependent("jurisdictions", "vendor_id"),
                            new Dependent("identifiers", "vendor_id"),
                            new Dependent("notes", "vendor_id")),
            "sanction_event", List.of(new Dependent("sanction_actions", "event_id")),
            "product", List.of(new Dependent("products", "product_id")));

    /** Rows a change points at through one of its own fields: the dataset, the field. */
    private static final Map<String, Dependent> PARENTS = Map.of(
            "sanction_action", new Dependent("sanction_events", "event_id"),
            "allegation_vendor", new Dependent("allegations", "allegation_id"));

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DSLContext dsl;

    public BulkRowQueries(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** {@code VendorName} → {@code vendor_name}. */
    static String table(String recordType) {
        return recordType.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** The rows each change touches, for a page of changes at once (a statement per dataset and key column). */
    public Map<ChangeView, List<BulkRowView>> bulkRows(List<ChangeView> changes) {
        // what each change touches: exact rows (dataset, id) and rows found by a column (dataset, column, value)
        Map<ChangeView, Set<String>> exact = new LinkedHashMap<>();
        Map<ChangeView, List<String[]>> byColumn = new LinkedHashMap<>();
        Map<String, Set<Long>> idsWanted = new LinkedHashMap<>();
        Map<String, Set<Long>> columnWanted = new LinkedHashMap<>();
        for (ChangeView c : changes) {
            String table = table(c.recordType());
            Set<String> rows = new LinkedHashSet<>();
            List<String[]> found = new ArrayList<>();
            Datasets.Home home = Datasets.TABLES.get(table);
            if (home != null && home.idColumn().equals("id")) {
                rows.add(home.dataset() + ":" + c.recordRowId());
            }
            Dependent parent = PARENTS.get(table);
            if (parent != null && c.keys() != null) {
                // the parent before and after: a row moved to another parent changes both
                for (JsonNode side : JSON.readTree(c.keys())) {
                    if (side.path(parent.column()).isNumber()) {
                        rows.add(parent.dataset() + ":"
                                + side.path(parent.column()).asLong());
                    }
                }
            }
            for (Dependent d : DEPENDENTS.getOrDefault(table, List.of())) {
                found.add(new String[] {d.dataset(), d.column(), Long.toString(c.recordRowId())});
                columnWanted
                        .computeIfAbsent(d.dataset() + ":" + d.column(), k -> new LinkedHashSet<>())
                        .add(c.recordRowId());
            }
            rows.forEach(r -> idsWanted
                    .computeIfAbsent(r.substring(0, r.indexOf(':')), k -> new LinkedHashSet<>())
                    .add(Long.parseLong(r.substring(r.indexOf(':') + 1))));
            exact.put(c, rows);
            byColumn.put(c, found);
        }
        // the current rows, one statement per dataset and key column
        Map<String, String> rowById = new LinkedHashMap<>(); // dataset:id -> row
        Map<String, List<Long>> idsByColumn = new LinkedHashMap<>(); // dataset:column:value -> ids
        idsWanted.forEach((dataset, ids) ->
                fetch(dataset, "id", ids).forEach(r -> rowById.put(dataset + ":" + r.id(), r.row())));
        columnWanted.forEach((key, values) -> {
            String dataset = key.substring(0, key.indexOf(':'));
            String column = key.substring(key.indexOf(':') + 1);
            for (Found r : fetch(dataset, column, values)) {
                rowById.put(dataset + ":" + r.id(), r.row());
                idsByColumn
                        .computeIfAbsent(dataset + ":" + column + ":" + r.key(), k -> new ArrayList<>())
                        .add(r.id());
            }
        });
        Map<ChangeView, List<BulkRowView>> out = new LinkedHashMap<>();
        for (ChangeView c : changes) {
            List<BulkRowView> rows = new ArrayList<>();
            for (String r : exact.get(c)) {
                String dataset = r.substring(0, r.indexOf(':'));
                rows.add(new BulkRowView(dataset, Long.parseLong(r.substring(r.indexOf(':') + 1)), rowById.get(r)));
            }
            for (String[] f : byColumn.get(c)) {
                for (long id : idsByColumn.getOrDefault(f[0] + ":" + f[1] + ":" + f[2], List.of())) {
                    rows.add(new BulkRowView(f[0], id, rowById.get(f[0] + ":" + id)));
                }
            }
            out.put(c, rows);
        }
        return out;
    }

    private record Found(long id, long key, String row) {}

    /** Rows of a dataset whose {@code column} is one of {@code values}, as its JSON Lines file writes them. */
    private List<Found> fetch(String dataset, String column, Set<Long> values) {
        String select = Datasets.ALL.get(dataset).select();
        return dsl.resultQuery(
                        "select t.id, t." + column + ", row_to_json(t)::text from (" + select + ") t where t." + column
                                + " = any({0}) order by t.id",
                        DSL.val(values.toArray(Long[]::new)))
                .fetch(r -> new Found(r.get(0, Long.class), r.get(1, Long.class), r.get(2, String.class)));
    }
}
