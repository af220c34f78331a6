package org.vendorwatch.bulk;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Streams datasets out of PostgreSQL with COPY ... TO STDOUT: the database formats the rows, the
 * service copies bytes to the client, so memory stays flat however large the dataset. A client that
 * goes away mid-export ends the COPY (pgjdbc cancels it) and the connection returns to the pool.
 */
@Component
public class BulkQueries {

    private static final Logger LOG = LoggerFactory.getLogger(BulkQueries.class);

    /** The formats a dataset is exported in. */
    public enum Format {
        CSV,
        JSONL
    }

    private final DataSource dataSource;

    public BulkQueries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The COPY statement that makes a bulk file. */
    public String copySql(Exports.Export e) {
        return switch (e.kind()) {
            // CSV: RFC 4180 quoting, a header row; arrays and objects as JSON text; cells made safe for spreadsheets
            case CSV ->
                "copy (" + csvSelect(Datasets.ALL.get(e.dataset()), columnTypes(e.dataset()))
                        + ") to stdout with (format csv, header true, encoding 'UTF8')";
            case JSONL ->
                jsonLines("select row_to_json(t)::text from ("
                        + Datasets.ALL.get(e.dataset()).select() + ") t");
            case DOCUMENT -> jsonLines(Exports.documentSelect(e.dataset()));
        };
    }

    /** One JSON text per row as a line: CSV with quote and delimiter characters JSON never contains raw. */
    public static String jsonLines(String selectOneTextColumn) {
        return "copy (" + selectOneTextColumn
                + ") to stdout with (format csv, quote e'\\x01', delimiter e'\\x02', encoding 'UTF8')";
    }

    /**
     * The characters that make a spreadsheet read a cell as a formula (OWASP's list for CSV injection),
     * and the apostrophe itself, so that stripping one leading apostrophe always restores the text.
     */
    static final String FORMULA_START = "'=', '+', '-', '@', e'\\t', e'\\r', ''''";

    /**
     * The dataset's select with each column written the same way in every format and safe in any
     * spreadsheet: booleans as {@code true}/{@code false}, timestamps in ISO 8601 as in JSON, text that
     * begins with a formula character prefixed with an apostrophe. Numbers, dates and JSON as they are.
     */
    static String csvSelect(Datasets.Dataset d, List<String> types) {
        StringBuilder sb = new StringBuilder("select ");
        for (int i = 0; i < d.columns().size(); i++) {
            String name = d.columns().get(i).name();
            String c = "t." + name;
            String expr = switch (types.get(i)) {
                case "bool" -> "case when " + c + " then 'true' when not " + c + " then 'false' end";
                case "timestamptz", "timestamp" -> "to_json(" + c + ") #>> '{}'";
                case "int2",
                        "int4",
                        "int8",
                        "serial",
                        "bigserial",
                        "smallserial",
                        "numeric",
                        "float4",
                        "float8",
                        "date",
                        "json",
                        "jsonb" -> c;
                default ->
                    "case when left(" + c + "::text, 1) in (" + FORMULA_START + ") then '''' || " + c + "::text else "
                            + c + "::text end";
            };
            sb.append(i > 0 ? ", " : "").append(expr).append(" as ").append(name);
        }
        return sb.append(" from (").append(d.select()).append(") t").toString();
    }

    private final Map<String, List<String>> types = new ConcurrentHashMap<>();

    /** The PostgreSQL type of each column of a dataset (a domain as its base type), asked once. */
    public List<String> columnTypes(String dataset) {
        return types.computeIfAbsent(dataset, name -> {
            try (Connection c = dataSource.getConnection();
                    var st = c.createStatement();
                    var rs = st.executeQuery(
                            "select * from (" + Datasets.ALL.get(name).select() + ") t limit 0")) {
                List<String> out = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    out.add(rs.getMetaData().getColumnTypeName(i));
                }
                return List.copyOf(out);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the column types of " + name, e);
            }
        });
    }

    /**
     * What the live files are made from, for validators: the database snapshot (which transactions are
     * visible: it changes with every committed write, so an unchanged value means unchanged data) and
     * the time of the newest write to a record (the audit trail's last event).
     */
    public record DataVersion(String snapshot, java.time.Instant lastWrite) {}

    public DataVersion dataVersion() {
        try (Connection c = dataSource.getConnection();
                var st = c.createStatement();
                var rs = st.executeQuery(
                        "select pg_current_snapshot()::text, (select occurred_at from audit_event order by id desc limit 1)")) {
            rs.next();
            java.time.OffsetDateTime at = rs.getObject(2, java.time.OffsetDateTime.class);
            return new DataVersion(rs.getString(1), at == null ? java.time.Instant.EPOCH : at.toInstant());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the data version", e);
        }
    }

    /** Streams the result of a COPY ... TO STDOUT statement to {@code out}; returns the number of lines written. */
    public long copy(String copySql, String what, OutputStream out) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            return copy(c, copySql, what, out);
        } catch (SQLException e) {
            throw new IOException("export of " + what + " failed: " + e.getMessage(), e);
        }
    }

    private static long copy(Connection c, String copySql, String what, OutputStream out)
            throws IOException, SQLException {
        long t0 = System.nanoTime();
        Counting counting = new Counting(out, what);
        org.postgresql.copy.CopyOut copy =
                c.unwrap(PGConnection.class).getCopyAPI().copyOut(copySql);
        try {
            byte[] buf;
            while ((buf = copy.readFromCopy()) != null) {
                counting.write(buf, 0, buf.length);
            }
        } catch (IOException | SQLException | RuntimeException e) {
            // the client went away (or the database failed): end the COPY, and keep this connection out of
            // the pool in case unread copy data is still on it
            try {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            } catch (SQLException ignored) {
                // the connection is aborted below anyway
            }
            c.abort(Runnable::run);
            LOG.info("Export of {} stopped after {} lines: {}", what, counting.lines, e.getMessage());
            throw e;
        }
        LOG.info(
                "Exported {}: {} lines, {} bytes in {} ms",
                what,
                counting.lines,
                counting.bytes,
                (System.nanoTime() - t0) / 1_000_000);
        return counting.lines;
    }

    /** Copies several exports from one consistent snapshot of the database. */
    public interface Copier {
        long copy(String copySql, String what, OutputStream out) throws IOException;
    }

    /** Work done against one snapshot. */
    public interface SnapshotWork<T> {
        T run(Copier copier, Connection connection) throws IOException, SQLException;
    }

    /** Runs the work in one read-only REPEATABLE READ transaction: every file sees the same data. */
    public <T> T inSnapshot(SnapshotWork<T> work) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                T result = work.run(
                        (sql, what, out) -> {
                            try {
                                return copy(c, sql, what, out);
                            } catch (SQLException e) {
                                throw new IOException("export of " + what + " failed: " + e.getMessage(), e);
                            }
                        },
                        c);
                c.commit();
                return result;
            } finally {
                if (!c.getAutoCommit()) {
                    c.rollback();
                }
            }
        } catch (SQLException e) {
            throw new IOException("snapshot failed: " + e.getMessage(), e);
        }
    }

    /** The id of the last migration applied: the schema version of a release. */
    /** The schema version: the last migration file applied, e.g. {@code 007-curation}. */
    public static String schemaVersion(Connection c) throws SQLException {
        try (var st = c.createStatement();
                var rs = st.executeQuery(
                        "select filename from databasechangelog where filename not like '%999-grants.sql' order by orderexecuted desc limit 1")) {
            if (!rs.next()) {
                return "unknown";
            }
            String file = rs.getString(1);
            file = file.substring(file.lastIndexOf('/') + 1);
            return file.endsWith(".sql") ? file.substring(0, file.length() - 4) : file;
        }
    }

    /** The audit trail's chain as this connection's snapshot sees it (for a release's manifest). */
    public static org.vendorwatch.audit.TrailQueries.TrailState trailState(Connection c) throws SQLException {
        try (var st = c.createStatement();
                var rs = st.executeQuery(
                        "select (select count(*) from audit_event where seal_seq is null), h.seal_seq, h.id, h.hash, h.occurred_at "
                                + "from (select 1) one left join lateral (select seal_seq, id, hash, occurred_at from audit_event "
                                + "where seal_seq is not null order by seal_seq desc limit 1) h on true")) {
            rs.next();
            long unsealed = rs.getLong(1);
            long seq = rs.getLong(2);
            if (rs.wasNull()) {
                return new org.vendorwatch.audit.TrailQueries.TrailState(0, unsealed, null);
            }
            return new org.vendorwatch.audit.TrailQueries.TrailState(
                    seq,
                    unsealed,
                    new org.vendorwatch.audit.TrailQueries.TrailHead(
                            seq, rs.getLong(3), rs.getString(4), rs.getObject(5, java.time.OffsetDateTime.class)));
        }
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** Counts lines and bytes, and logs progress of long exports every 10 seconds. */
    private static final class Counting extends OutputStream {
        private final OutputStream out;
        private final String what;
        long lines;
        long bytes;
        private long lastLog = System.nanoTime();

        Counting(OutputStream out, String what) {
            this.out = out;
            this.what = what;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            bytes++;
            if (b == '\n') {
                lines++;
            }
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            out.write(buf, off, len);
            bytes += len;
            for (int i = off; i < off + len; i++) {
                if (buf[i] == '\n') {
                    lines++;
                }
            }
            if (System.nanoTime() - lastLog > 10_000_000_000L) {
                lastLog = System.nanoTime();
                LOG.info("Exporting {}: {} lines, {} bytes so far", what, lines, bytes);
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
