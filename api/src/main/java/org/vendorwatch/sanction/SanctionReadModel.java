package org.vendorwatch.sanction;

import static org.vendorwatch.db.Tables.SANCTION_ACTION;
import static org.vendorwatch.db.Tables.SANCTION_AUTHORITY;
import static org.vendorwatch.db.Tables.SANCTION_EVENT;
import static org.vendorwatch.db.Tables.SANCTION_PROGRAM;
import static org.vendorwatch.db.Tables.VENDOR;
import static org.vendorwatch.platform.read.JsonCompiler.globalId;
import static org.vendorwatch.platform.read.JsonCompiler.onlyKey;
import static org.vendorwatch.platform.read.JsonCompiler.textArray;

import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.TableLike;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.vendorwatch.db.tables.SanctionAction;
import org.vendorwatch.db.tables.SanctionAuthority;
import org.vendorwatch.db.tables.SanctionEvent;
import org.vendorwatch.db.tables.SanctionProgram;
import org.vendorwatch.db.tables.Vendor;
import org.vendorwatch.platform.paging.PageArgs;
import org.vendorwatch.platform.read.JsonCompiler;
import org.vendorwatch.platform.read.Projection;
import org.vendorwatch.platform.read.ReadModel;

/**
 * The compiled read path's form of {@code Vendor.sanctionActions}, {@code SanctionAction},
 * {@code SanctionAuthority} and {@code SanctionProgram}, as {@link SanctionController} answers them
 * (the rules live in {@link SanctionQueries} and {@link SanctionViews}).
 */
@Component
class SanctionReadModel implements ReadModel {

    /** A sanction action joined with its act and, for its target name, the vendor it targets. */
    record Action(SanctionAction a, SanctionEvent e, Vendor target) {
        static Action of(JsonCompiler c) {
            return new Action(
                    c.alias(SANCTION_ACTION, SANCTION_ACTION::as),
                    c.alias(SANCTION_EVENT, SANCTION_EVENT::as),
                    c.alias(VENDOR, VENDOR::as));
        }

        TableLike<?> from() {
            return a.join(e).on(e.ID.eq(a.EVENT_ID)).leftJoin(target).on(target.ID.eq(a.VENDOR_ID));
        }
    }

    /**
     * The scalar fields of SanctionAction, for both read paths (SanctionQueries selects them over the
     * unaliased tables into SanctionActionView): the act's fields, and the rules that combine it with
     * its target (lifted on, status, in force, the lower confidence, the notes of both).
     */
    static final Projection<Action> ACTION_FIELDS = Projection.<Action>of()
            .column("id", x -> globalId("SanctionAction", x.a().ID))
            .column("revision", x -> x.a().REVISION)
            .column(
                    "targetKind",
                    x -> DSL.when(x.a().VENDOR_ID.isNotNull(), DSL.inline("VENDOR"))
                            .otherwise(DSL.inline("PERSON")))
            .column("targetName", x -> DSL.coalesce(x.a().LISTED_NAME, x.target().NAME, x.a().PERSON_NAME))
            .column("programDetail", x -> x.e().PROGRAM_DETAIL)
            .column("actionType", x -> x.e().ACTION_TYPE)
            .column("title", x -> x.e().TITLE)
            .column("announcedOn", x -> x.e().ANNOUNCED_ON)
            .column("publishedOn", x -> x.e().PUBLISHED_ON)
            .column("effectiveOn", x -> x.e().EFFECTIVE_ON)
            .column("liftedOn", x -> SanctionQueries.liftedOn(x.a(), x.e()))
            .column("isActive", x -> SanctionQueries.inForce(x.a(), x.e()))
            .column("status", x -> SanctionQueries.status(x.a(), x.e()))
            .column("announcedOnPrecision", x -> x.e().ANNOUNCED_PRECISION)
            .column("publishedOnPrecision", x -> x.e().PUBLISHED_PRECISION)
            .column("effectiveOnPrecision", x -> x.e().EFFECTIVE_PRECISION)
            .column(
                    "liftedOnPrecision",
                    x -> DSL.when(x.a().LIFTED_ON.isNotNull(), x.a().LIFTED_PRECISION)
                            .otherwise(x.e().LIFTED_PRECISION))
            .column("citation", x -> x.e().CITATION)
            .column("documentNumber", x -> x.e().DOCUMENT_NUMBER)
            .column("pressRelease", x -> x.e().PRESS_RELEASE)
            .column("url", x -> x.e().URL)
            .column("licenseRequirement", x -> x.e().LICENSE_REQUIREMENT)
            .column("licenseExceptions", x -> x.e().LICENSE_EXCEPTIONS)
            .column("licensePolicy", x -> x.e().LICENSE_POLICY)
            .column("listedName", x -> x.a().LISTED_NAME)
            .column("listedAliases", x -> textArray(x.a().LISTED_ALIASES))
            .column("listedAddress", x -> x.a().LISTED_ADDRESS)
            .column("reason", x -> x.a().REASON)
            // the entry's own confidence, or the act's when that is lower (LOW < MEDIUM < HIGH)
            .column(
                    "confidence",
                    x -> DSL.when(x.a().CONFIDENCE.isNull(), x.e().CONFIDENCE)
                            .when(x.e().CONFIDENCE.isNull(), x.a().CONFIDENCE)
                            .when(x.a().CONFIDENCE.eq("LOW").or(x.e().CONFIDENCE.eq("LOW")), DSL.inline("LOW"))
                            .when(
                                    x.a().CONFIDENCE
                                            .eq("MEDIUM")
                                            .or(x.e().CONFIDENCE.eq("MEDIUM")),
                                    DSL.inline("MEDIUM"))
                            .otherwise(DSL.inline("HIGH")))
            .column(
                    "notes",
                    x -> DSL.field("{0} || {1}", String[].class, textArray(x.a().NOTES), textArray(x.e().NOTES)));

    @Override
    public void declare(Declarations declare) {
        declare.type("Vendor", Vendor.class)
                .field("sanctionActions", (c, v, f) -> {
                    Action a = Action.of(c);
                    PageArgs page = JsonCompiler.page(f);
                    return c.connection(
                            new JsonCompiler.Paging<>(
                                    c.type("SanctionAction", Action.class),
                                    a,
                                    a.from(),
                                    a.a().VENDOR_ID.eq(v.ID),
                                    SanctionQueries.actionsKeyset(a.a(), a.e()),
                                    page),
                            f);
                })
                .stored("sanctionActions");

        declare.type("SanctionAction", Action.class)
                .columns(ACTION_FIELDS)
                .field("vendor", (c, x, f) -> c.one("Vendor", VENDOR, VENDOR::as, v -> v.ID.eq(x.a().VENDOR_ID), f))
                .field(
                        "affiliatedVendor",
                        (c, x, f) -> c.one("Vendor", VENDOR, VENDOR::as, v -> v.ID.eq(x.a().AFFILIATED_VENDOR_ID), f))
                .field("authority", (c, x, f) -> {
                    if (onlyKey(f, "code")) {
                        return c.object(
                                f.getChildren(), k -> x.e().AUTHORITY_CODE); // the foreign key is the code: no join
                    }
                    return c.one(
                            "SanctionAuthority",
                            SANCTION_AUTHORITY,
                            SANCTION_AUTHORITY::as,
                            au -> au.CODE.eq(x.e().AUTHORITY_CODE),
                            f);
                })
                .field("program", (c, x, f) -> {
                    Field<String> code = x.e().PROGRAM_CODE;
                    if (onlyKey(f, "code")) {
                        return DSL.when(code.isNull(), DSL.inline((JSON) null))
                                .otherwise(c.object(f.getChildren(), k -> code));
                    }
                    return c.one("SanctionProgram", SANCTION_PROGRAM, SANCTION_PROGRAM::as, p -> p.CODE.eq(code), f);
                });

        declare.type("SanctionAuthority", SanctionAuthority.class)
                .column("id", au -> globalId("SanctionAuthority", au.ID))
                .column("revision", au -> au.REVISION)
                .column("code", au -> au.CODE)
                .column("name", au -> au.NAME)
                .column("countryCode", au -> au.COUNTRY_CODE);

        declare.type("SanctionProgram", SanctionProgram.class)
                .column("id", p -> globalId("SanctionProgram", p.ID))
                .column("revision", p -> p.REVISION)
                .column("code", p -> p.CODE)
                .column("name", p -> p.NAME)
                .field(
                        "authority",
                        (c, p, f) -> c.one(
                                "SanctionAuthority",
                                SANCTION_AUTHORITY,
                                SANCTION_AUTHORITY::as,
                                au -> au.CODE.eq(p.AUTHORITY_CODE),
                                f));
    }
}
