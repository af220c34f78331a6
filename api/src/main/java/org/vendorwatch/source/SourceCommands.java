package org.vendorwatch.source;

import static org.vendorwatch.db.Tables.SOURCE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.vendorwatch.platform.auth.Actor;
import org.vendorwatch.platform.auth.EditorGuard;
import org.vendorwatch.platform.editing.Audit;
import org.vendorwatch.platform.editing.Input;
import org.vendorwatch.platform.editing.Payload;
import org.vendorwatch.platform.editing.Rows;
import org.vendorwatch.platform.editing.UserError;
import org.vendorwatch.source.SourcePayloads.SourcePayload;
import org.vendorwatch.platform.time.FuzzyDate;

/** Adding and correcting sources. */
@Component
public class SourceCommands {

    private final DSLContext dsl;
    private final Audit audit;
    private final Rows rows;
    private final EditorGuard guard;
    private final SourceQueries sources;

    public SourceCommands(DSLContext dsl, Audit audit, Rows rows, EditorGuard guard, SourceQueries sources) {
        this.dsl = dsl;
        this.audit = audit;
        this.rows = rows;
        this.guard = guard;
        this.sources = sources;
    }

    @Transactional
    public SourcePayload addSource(Map<String, Object> raw) {
        Actor actor = guard.requireEditor();
        Input in = new Input(raw);
        Map<Field<?>, Object> v = fields(in, true);
        if (!in.ok()) {
            return SourcePayload.failed(in.errors());
        }
        String url = (String) v.get(SOURCE.URL);
        if (url != null) {
            Long existing = dsl.select(SOURCE.ID).from(SOURCE).where(SOURCE.URL.eq(url)).fetchOne(SOURCE.ID);
            if (existing != null) {
                return new SourcePayload(sources.byIds(List.of(existing)).get(existing), false, List.of());
            }
        }
        long id = dsl.insertInto(SOURCE).set(v).returning(SOURCE.ID).fetchSingle(SOURCE.ID);
        audit.record(actor, "addSource", "CREATE", "Source", id, null, null, audit.snapshot(SOURCE, id), null);
        return new SourcePayload(sources.byIds(List.of(id)).get(id), true, List.of());
    }

    @Transactional
    public SourcePayload updateSource(Map<String, Object> raw) {
        Actor actor = guard.requireEditor();
        Input in = new Input(raw);
        Long id = in.id("id", true, "Source");
        int expected = in.expectedRevision();
        String note = in.text("changeNote", 2000, false);
        Map<Field<?>, Object> v = fields(in, false);
        if (v.isEmpty() && in.ok()) {
            in.error(null, "Give at least one field to change.", "REQUIRED");
        }
        if (!in.ok()) {
            return SourcePayload.failed(in.errors());
        }
        UserError stale = rows.checkRevision(SOURCE, id, expected, "source");
        if (stale != null) {
            return SourcePayload.failed(List.of(stale));
        }
        String url = (String) v.get(SOURCE.URL);
        if (url != null && dsl.fetchExists(SOURCE, SOURCE.URL.eq(url).and(SOURCE.ID.ne(id)))) {
            return SourcePayload.failed(Payload.error("input.url", "Another source has this URL; cite that one instead.", "DUPLICATE"));
        }
        var before = audit.snapshot(SOURCE, id);
        rows.update(SOURCE, id, v);
        audit.record(actor, "updateSource", "UPDATE", "Source", id, null, before, audit.snapshot(SOURCE, id), note);
        return new SourcePayload(sources.byIds(List.of(id)).get(id), false, List.of());
    }

    /** The source fields given (all required ones when creating). */
    private static Map<Field<?>, Object> fields(Input in, boolean create) {
        Map<Field<?>, Object> v = new LinkedHashMap<>();
        if (create || in.has("url")) {
            v.put(SOURCE.URL, in.url("url", false));
        }
        if (create || in.has("title")) {
            v.put(SOURCE.TITLE, in.text("title", 500, true));
        }
        if (create || in.has("publisher")) {
            v.put(SOURCE.PUBLISHER, in.text("publisher", 300, true));
        }
        if (create || in.has("publishedOn")) {
            FuzzyDate d = in.fuzzyDate("publishedOn", false);
            v.put(SOURCE.PUBLISHED_ON, d == null ? null : d.date());
            v.put(SOURCE.PUBLISHED_PRECISION, d == null ? null : d.precisionName());
        }
        if (create || in.has("kind")) {
            v.put(SOURCE.KIND, in.enumValue("kind", true));
        }
        if (create || in.has("access")) {
            String access = in.enumValue("access", false);
            v.put(SOURCE.ACCESS, access == null ? "SEEN" : access);
        }
        if (create || in.has("citation")) {
            v.put(SOURCE.CITATION, in.text("citation", 500, false));
        }
        if (create || in.has("archivedUrl")) {
            v.put(SOURCE.ARCHIVED_URL, in.url("archivedUrl", false));
        }
        if (create || in.has("note")) {
            v.put(SOURCE.NOTE, in.text("note", 4000, false));
        }
        return v;
    }

}
