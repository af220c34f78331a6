package org.vendorwatch.bulk;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The data dictionary (dictionary.csv): for every column of every bulk file, the files it is in, its
 * type as the files write it, whether it may be empty, the values it may take, and what it means. Types,
 * nullability and allowed values come from the database itself (column types, NOT NULL, CHECK
 * constraints of the column and of its domain), descriptions from the column comments or the dataset.
 */
public final class Dictionary {

    public static final List<String> HEADER =
            List.of("file", "dataset", "column", "type", "nullable", "allowed_values", "description");

    private Dictionary() {}

    /** The dictionary's rows (without the header), from {@code c}'s view of the schema. */
    public static List<List<String>> rows(Connection c, BulkQueries bulk) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        for (String name : Datasets.ORDER) {
            Datasets.Dataset d = Datasets.ALL.get(name);
            Map<String, String> aliases = aliases(d.from());
            List<String> types = bulk.columnTypes(name);
            for (int i = 0; i < d.columns().size(); i++) {
                Datasets.Column col = d.columns().get(i);
                String description = col.describedBy();
                String[] source = null;
                if (description.matches("[a-z_]+\\.[a-z_]+")) {
                    source = description.split("\\.");
                } else {
                    Matcher m = Pattern.compile("^([a-z]{1,2})\\.([a-z_]+)$").matcher(col.sql());
                    if (m.matches() && aliases.containsKey(m.group(1))) {
                        source = new String[] {aliases.get(m.group(1)), m.group(2)};
                    }
                }
                Meta meta = source == null ? null : meta(c, source[0], source[1]);
                if (description.matches("[a-z_]+\\.[a-z_]+")) {
                    description = meta == null || meta.comment() == null ? "" : meta.comment();
                }
                rows.add(List.of(
                        name + ".csv " + name + ".jsonl",
                        name,
                        col.name(),
                        type(types.get(i)),
                        meta != null && meta.notNull() ? "no" : "yes",
                        meta == null ? "" : String.join("|", meta.allowed()),
                        description));
            }
        }
        rows.addAll(DOCUMENTS);
        return rows;
    }

    /** As CSV (RFC 4180, every field quoted). */
    public static byte[] csv(List<List<String>> rows) {
        StringBuilder sb = new StringBuilder(String.join(",", HEADER)).append("\r\n");
        for (List<String> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                sb.append(i > 0 ? "," : "")
                        .append('"')
                        .append(r.get(i).replace("\"", "\"\""))
                        .append('"');
            }
            sb.append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** How the files write a PostgreSQL type. */
    static String type(String pgType) {
        return switch (pgType) {
            case "bool" -> "boolean (true/false)";
            case "int2", "int4", "int8", "serial", "bigserial", "smallserial" -> "integer";
            case "numeric", "float4", "float8" -> "number";
            case "date" -> "date (ISO 8601, YYYY-MM-DD)";
            case "timestamptz", "timestamp" -> "timestamp (ISO 8601 with offset)";
            case "json", "jsonb" -> "JSON (array or object; JSON text in CSV)";
            default -> "text";
        };
    }

    private record Meta(boolean notNull, List<String> allowed, String comment) {}

    private static final Pattern ANY_ARRAY = Pattern.compile("= ANY \\(ARRAY\\[(.*?)\\]\\)");
    private static final Pattern QUOTED = Pattern.compile("'((?:[^']|'')*)'");

    private static Meta meta(Connection c, String table, String column) throws SQLException {
        try (var st = c.prepareStatement("""
                select a.attnotnull, col_description(a.attrelid, a.attnum),
                       concat_ws(' ', (select string_agg(pg_get_constraintdef(k.oid), ' ') from pg_constraint k
                                       where k.conrelid = a.attrelid and k.contype = 'c' and k.conkey = array[a.attnum]),
                                      (select string_agg(pg_get_constraintdef(k.oid), ' ') from pg_constraint k where k.contypid = a.atttypid))
                from pg_attribute a where a.attrelid = to_regclass('public.' || ?) and a.attname = ? and not a.attisdropped""")) {
            st.setString(1, table);
            st.setString(2, column);
            try (var rs = st.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                List<String> allowed = new ArrayList<>();
                Matcher any = ANY_ARRAY.matcher(rs.getString(3) == null ? "" : rs.getString(3));
                if (any.find()) {
                    Matcher q = QUOTED.matcher(any.group(1));
                    while (q.find()) {
                        allowed.add(q.group(1).replace("''", "'"));
                    }
                }
                return new Meta(rs.getBoolean(1), allowed, rs.getString(2));
            }
        }
    }

    /** alias → table, from a FROM clause like {@code sanction_action a join sanction_event e on ...}. */
    private static Map<String, String> aliases(String from) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("([a-z_]+) ([a-z]{1,2})(?= |$)").matcher(from);
        while (m.find()) {
            out.putIfAbsent(m.group(2), m.group(1));
        }
        return out;
    }

    private static List<String> doc(String file, String key, String type, String description) {
        return List.of(file, file.replace(".jsonl", ""), key, type, "yes", "", description);
    }

    /** The two documents: their top-level keys. */
    private static final List<List<String>> DOCUMENTS = List.of(
            doc(
                    "vendors.nested.jsonl",
                    "id, slug, name, kind, status, description, founded_year, founded_confidence, website, revision, updated_at",
                    "as in vendors",
                    "One line per vendor: the vendor's own fields, as in vendors.csv."),
            doc(
                    "vendors.nested.jsonl",
                    "names, jurisdictions, identifiers, relationships, products, statements, notes",
                    "JSON array",
                    "The vendor's rows of names, jurisdictions, identifiers, relationships (as subject or object), products, statements "
                            + "and notes, each with its id (the id of that dataset) and its sources (source_id, url, title, confidence, quote)."),
            doc(
                    "vendors.nested.jsonl",
                    "sanction_actions",
                    "JSON array",
                    "Sanction actions naming the vendor, and those naming a person linked to it (person_name set), with their act's "
                            + "fields and the sources of the action and of the act; id is sanction_actions.id, event_id sanction_events.id."),
            doc(
                    "vendors.nested.jsonl",
                    "allegations",
                    "JSON array",
                    "Allegations naming the vendor, each with its developments (id is developments.id) and its sources."),
            doc("ftm.jsonl", "id", "text", "FollowTheMoney entity id (vendorwatch-...), stable across releases."),
            doc("ftm.jsonl", "schema", "text", "FollowTheMoney schema: Company, Organization, Person or Sanction."),
            doc(
                    "ftm.jsonl",
                    "properties",
                    "JSON object",
                    "FollowTheMoney properties: every value a list of strings, dates ISO 8601, countries lower-case ISO 3166-1 codes."));
}
