package org.vendorwatch.allegation;

import static org.vendorwatch.db.Tables.ALLEGATION;
import static org.vendorwatch.db.Tables.ALLEGATION_VENDOR;
import static org.vendorwatch.db.Tables.VENDOR;
import static org.vendorwatch.platform.read.JsonCompiler.globalId;
import static org.vendorwatch.platform.read.JsonCompiler.textArray;

import java.util.List;
import org.jooq.Condition;
import org.springframework.stereotype.Component;
import org.vendorwatch.db.tables.Allegation;
import org.vendorwatch.db.tables.AllegationVendor;
import org.vendorwatch.db.tables.Vendor;
import org.vendorwatch.platform.paging.PageArgs;
import org.vendorwatch.platform.read.JsonCompiler;
import org.vendorwatch.platform.read.Projection;
import org.vendorwatch.platform.read.ReadModel;
import org.vendorwatch.source.SourceReadModel;

/**
 * The compiled read path's form of {@code Vendor.allegations} and {@code Allegation}, as
 * {@link AllegationController} answers them (order and cursors from {@link AllegationQueries}).
 */
@Component
class AllegationReadModel implements ReadModel {

    /** The scalar fields of Allegation, for both read paths (AllegationQueries selects them into AllegationView). */
    static final Projection<Allegation> FIELDS = Projection.<Allegation>of()
            .column("id", al -> globalId("Allegation", al.ID))
            .column("revision", al -> al.REVISION)
            .column("title", al -> al.TITLE)
            .column("summary", al -> al.SUMMARY)
            .column("category", al -> al.CATEGORY)
            .column("status", al -> al.STATUS)
            .column("statusReason", al -> al.STATUS_REASON)
            .column("firstReportedOn", al -> al.FIRST_REPORTED_ON)
            .column("firstReportedOnPrecision", al -> al.FIRST_REPORTED_PRECISION)
            .column("reportedBy", al -> al.REPORTED_BY)
            .column("confidence", al -> al.CONFIDENCE)
            .column("notes", al -> textArray(al.NOTES));

    @Override
    public void declare(Declarations declare) {
        declare.type("Vendor", Vendor.class)
                .field("allegations", (c, v, f) -> {
                    Allegation al = c.alias(ALLEGATION, ALLEGATION::as);
                    AllegationVendor av = c.alias(ALLEGATION_VENDOR, ALLEGATION_VENDOR::as);
                    PageArgs page = JsonCompiler.page(f);
                    Condition where = av.VENDOR_ID.eq(v.ID);
                    if (f.getResolvedArguments().get("status") instanceof List<?> statuses) {
                        where = where.and(al.STATUS.in(statuses));
                    }
                    return c.connection(
                            new JsonCompiler.Paging<>(
                                    c.type("Allegation", Allegation.class),
                                    al,
                                    al.join(av).on(av.ALLEGATION_ID.eq(al.ID)),
                                    where,
                                    AllegationQueries.keyset(al),
                                    page),
                            f);
                })
                .stored("allegations");

        declare.type("Allegation", Allegation.class)
                .columns(FIELDS)
                .field("vendor", (c, al, f) -> c.one("Vendor", VENDOR, VENDOR::as, v -> v.ID.eq(al.VENDOR_ID), f))
                .field("sources", (c, al, f) -> SourceReadModel.sourcesOf(c, ci -> ci.ALLEGATION_ID.eq(al.ID), f));
    }
}
