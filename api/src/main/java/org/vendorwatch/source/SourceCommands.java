package org.vendorwatch.source;

import static org.vendorwatch.db.Tables.SOURCE;
import static org.vendorwatch.platform.editing.Changes.of;

import java.util.List;
import org.jooq.DSLContext;
import org.springframework.graphql.data.ArgumentValue;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.vendorwatch.platform.auth.EditorsOnly;
import org.vendorwatch.platform.editing.Changes;
import org.vendorwatch.platform.editing.Dates;
import org.vendorwatch.platform.editing.Edits;
import org.vendorwatch.platform.editing.Edits.Outcome;
import org.vendorwatch.platform.editing.Form;
import org.vendorwatch.platform.editing.RecordType;
import org.vendorwatch.platform.editing.Text;
import org.vendorwatch.source.SourceInputs.AddSourceInput;
import org.vendorwatch.source.SourceInputs.UpdateSourceInput;
import org.vendorwatch.source.SourcePayloads.SourcePayload;

/** Adding and correcting sources. One document is one source: URLs are normalised and unique. */
@Component
public class SourceCommands {

    private final DSLContext dsl;
    private final Edits edits;
    private final SourceQueries sources;

    public SourceCommands(DSLContext dsl, Edits edits, SourceQueries sources) {
        this.dsl = dsl;
        this.edits = edits;
        this.sources = sources;
    }

    @EditorsOnly
    @Transactional
    public SourcePayload addSource(AddSourceInput in) {
        Form f = Form.input();
        var s = SOURCE;
        Changes c = sourceChanges(
                f,
                of(in.url()),
                of(in.title()),
                of(in.publisher()),
                of(in.publishedOn()),
                of(in.kind()),
                of(in.access() == null ? "SEEN" : in.access()),
                of(in.citation()),
                of(in.archivedUrl()),
                of(in.seenVia()),
                of(in.relatedUrls()),
                of(in.note()));
        String url = c.valueOr(s.URL, null);
        if (f.ok() && url != null) {
            Long existing = dsl.select(s.ID).from(s).where(s.URL.eq(url)).fetchOne(s.ID);
            if (existing != null) {
                return new SourcePayload(source(existing), false, false, List.of());
            }
        }
        Outcome o = edits.create("addSource", RecordType.SOURCE, c, List.of());
        return new SourcePayload(o.ok() ? source(o.id()) : null, o.ok(), o.changed(), o.errors());
    }

    @EditorsOnly
    @Transactional
    public SourcePayload updateSource(UpdateSourceInput in) {
        Form f = Form.input();
        var s = SOURCE;
        Long id = f.id("id", in.id(), true, "Source");
        int revision = f.revision(in.expectedRevision());
        String note = f.reason("changeNote", in.changeNote(), true);
        Changes c = sourceChanges(
                f,
                in.url(),
                in.title(),
                in.publisher(),
                in.publishedOn(),
                in.kind(),
                in.access(),
                in.citation(),
                in.archivedUrl(),
                in.seenVia(),
                in.relatedUrls(),
                in.note());
        Outcome o = edits.update(
                "updateSource",
                "UPDATE",
                RecordType.SOURCE,
                id,
                revision,
                note,
                c,
                (ch, stored) -> {
                    String url = ch.has(s.URL) ? ch.valueOr(s.URL, stored) : null;
                    if (url != null && dsl.fetchExists(s, s.URL.eq(url).and(s.ID.ne(id)))) {
                        f.error("url", "Another source has this URL; cite that one instead.", "DUPLICATE");
                    }
                },
                List.of());
        return new SourcePayload(o.ok() ? source(o.id()) : null, false, o.changed(), o.errors());
    }

    private static Changes sourceChanges(
            Form f,
            ArgumentValue<String> url,
            ArgumentValue<String> title,
            ArgumentValue<String> publisher,
            ArgumentValue<String> publishedOn,
            ArgumentValue<String> kind,
            ArgumentValue<String> access,
            ArgumentValue<String> citation,
            ArgumentValue<String> archivedUrl,
            ArgumentValue<List<String>> seenVia,
            ArgumentValue<List<String>> relatedUrls,
            ArgumentValue<String> note) {
        var s = SOURCE;
        return new Changes(f)
                .url(s.URL, "url", url, false)
                .name(s.TITLE, "title", title, 500, true)
                .name(s.PUBLISHER, "publisher", publisher, 300, true)
                .date(s.PUBLISHED_ON, s.PUBLISHED_PRECISION, "publishedOn", publishedOn, Dates.Rule.PAST, false)
                .value(s.KIND, "kind", kind, true)
                .value(s.ACCESS, "access", access, true)
                .line(s.CITATION, "citation", citation, 500, false)
                .url(s.ARCHIVED_URL, "archivedUrl", archivedUrl, false)
                .texts(s.SEEN_VIA, "seenVia", seenVia, 20, Text.Kind.LINE, 2000)
                .urls(s.RELATED_URLS, "relatedUrls", relatedUrls, 20)
                .prose(s.NOTE, "note", note, 4000, false);
    }

    private SourceView source(long id) {
        return sources.byIds(List.of(id)).get(id);
    }
}
