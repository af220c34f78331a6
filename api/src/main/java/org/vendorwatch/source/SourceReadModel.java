package org.vendorwatch.source;

import static org.vendorwatch.db.Tables.CITATION;
import static org.vendorwatch.db.Tables.SOURCE;
import static org.vendorwatch.platform.read.JsonCompiler.globalId;
import static org.vendorwatch.platform.read.JsonCompiler.textArray;

import graphql.normalized.ExecutableNormalizedField;
import java.util.List;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.vendorwatch.db.tables.Citation;
import org.vendorwatch.db.tables.Source;
import org.vendorwatch.platform.db.Sql;
import org.vendorwatch.platform.read.JsonCompiler;
import org.vendorwatch.platform.read.Projection;
import org.vendorwatch.platform.read.ReadModel;

/** The compiled read path's form of {@code Source}, and of the distinct sources of a claim. */
@Component
public class SourceReadModel implements ReadModel {

    /** The scalar fields of Source, for both read paths (SourceQueries selects them into SourceView). */
    static final Projection<Source> FIELDS = Projection.<Source>of()
            .column("id", s -> globalId("Source", s.ID))
            .column("revision", s -> s.REVISION)
            .column("url", s -> s.URL)
            .column("title", s -> s.TITLE)
            .column("publisher", s -> s.PUBLISHER)
            .column("publishedOn", s -> s.PUBLISHED_ON)
            .column("publishedOnPrecision", s -> s.PUBLISHED_PRECISION)
            .column("kind", s -> s.KIND)
            .column("access", s -> s.ACCESS)
            .column("citation", s -> s.CITATION)
            .column("archivedUrl", s -> s.ARCHIVED_URL)
            .column("seenVia", s -> textArray(s.SEEN_VIA))
            .column("relatedUrls", s -> textArray(s.RELATED_URLS))
            .column("note", s -> s.NOTE);

    @Override
    public void declare(Declarations declare) {
        declare.type("Source", Source.class).columns(FIELDS);
    }

    /**
     * The distinct sources cited for a claim, in the order SourceQueries.citationsOf lists the
     * citations (strongest confidence, newest source, then citation id), each at its first citation.
     */
    public static Field<JSON> sourcesOf(
            JsonCompiler c, Function<Citation, Condition> claim, ExecutableNormalizedField f) {
        Citation ci = c.alias(CITATION, CITATION::as);
        Source s = c.alias(SOURCE, SOURCE::as);
        String k = "first_" + ci.getName();
        var firsts = DSL.selectDistinct(
                        ci.SOURCE_ID.as("sid"),
                        Sql.confidenceRank(ci.CONFIDENCE).as("rank"),
                        ci.ID.as("cid"))
                .on(ci.SOURCE_ID)
                .from(ci)
                .where(claim.apply(ci))
                .orderBy(ci.SOURCE_ID, Sql.confidenceRank(ci.CONFIDENCE), ci.ID)
                .asTable(k);
        Field<JSON> agg = JsonCompiler.jsonAgg(
                c.object(c.type("Source", Source.class), s, f.getChildren()),
                List.of(
                        DSL.field(DSL.name(k, "rank")).asc(),
                        s.SORT_ON.desc(),
                        DSL.field(DSL.name(k, "cid")).asc()),
                null);
        return DSL.field(
                "coalesce(({0}), '[]'::json)",
                JSON.class,
                DSL.select(agg).from(firsts).join(s).on(s.ID.eq(DSL.field(DSL.name(k, "sid"), Long.class))));
    }
}
