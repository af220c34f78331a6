package org.vendorwatch.platform.read;

import static org.vendorwatch.db.Tables.ALLEGATION;
import static org.vendorwatch.db.Tables.ALLEGATION_VENDOR;
import static org.vendorwatch.db.Tables.CITATION;
import static org.vendorwatch.db.Tables.SANCTION_ACTION;
import static org.vendorwatch.db.Tables.SANCTION_AUTHORITY;
import static org.vendorwatch.db.Tables.SANCTION_EVENT;
import static org.vendorwatch.db.Tables.SANCTION_PROGRAM;
import static org.vendorwatch.db.Tables.SOURCE;
import static org.vendorwatch.db.Tables.VENDOR;
import static org.vendorwatch.db.Tables.VENDOR_NAME;
import static org.vendorwatch.platform.read.JsonCompiler.cursor;
import static org.vendorwatch.platform.read.JsonCompiler.dateKey;
import static org.vendorwatch.platform.read.JsonCompiler.dateTime;
import static org.vendorwatch.platform.read.JsonCompiler.globalId;
import static org.vendorwatch.platform.read.JsonCompiler.textArray;

import java.util.List;
import java.util.Map;

import graphql.normalized.ExecutableNormalizedField;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.JSON;
import org.jooq.impl.DSL;
import org.vendorwatch.allegation.AllegationQueries;
import org.vendorwatch.db.tables.Allegation;
import org.vendorwatch.db.tables.AllegationVendor;
import org.vendorwatch.db.tables.Citation;
import org.vendorwatch.db.tables.SanctionAction;
import org.vendorwatch.db.tables.SanctionAuthority;
import org.vendorwatch.db.tables.SanctionEvent;
import org.vendorwatch.db.tables.SanctionProgram;
import org.vendorwatch.db.tables.Source;
import org.vendorwatch.db.tables.Vendor;
import org.vendorwatch.db.tables.VendorName;
import org.vendorwatch.platform.db.Sql;
import org.vendorwatch.platform.paging.Cursor;
import org.vendorwatch.platform.paging.PageArgs;
import org.vendorwatch.sanction.SanctionQueries;
import org.vendorwatch.vendor.VendorQueries;

/**
 * The SQL form of the read types the compiled path covers: the vendor with its names, sanction actions
 * and allegations (with their sources), as a newsroom page asks for them. Each field says in SQL what
 * its data fetcher says in Java, with the same order, cursors and defaults; {@code CompiledReadsTest}
 * checks both give the same answer. Anything else (histories, citations, relationships, ...) runs
 * through the data fetchers.
 */
final class ReadShapes {

    private ReadShapes() {
    }

    /**
     * Arguments bound verbatim as one bind value, never validated, transformed or used to choose the
     * statement's shape: a String variable used only here makes one cached statement serve every value
     * (CompiledReads). Anything added here must keep that promise.
     */
    static final java.util.Set<String> VERBATIM = java.util.Set.of("Query.vendor.slug");

    // --- Query --------------------------------------------------------------------------------------

    /** One root field of Query as SQL, or NotCompiled. */
    static Field<?> root(JsonCompiler c, ExecutableNormalizedField f) {
        Map<String, Object> args = f.getResolvedArguments();
        return switch (f.getName()) {
            case "vendor" -> {
                Vendor v = c.alias(VENDOR, VENDOR::as);
                yield c.one(ReadShapes::vendor, v, v, VendorQueries.slugIs(v, (String) args.get("slug")), f);
            }
            case "vendors" -> {
                Vendor v = c.alias(VENDOR, VENDOR::as);
                VendorQueries.Order order = order(args.get("orderBy"));
                PageArgs page = page(args);
                Cursor after = Cursor.decode(page.after(), order.scope(), 2);
                Field<String> key = "NAME".equals(order.field()) ? v.SORT_NAME : JsonCompiler.dateTimeKey(
                        "UPDATED_AT".equals(order.field()) ? v.UPDATED_AT : v.CREATED_AT);
                yield c.connection(new JsonCompiler.Paging<>(ReadShapes::vendor, v, v, VendorQueries.condition(v, filter(args.get("filter"))),
                        order.after(v, after), order.sort(v), cursor(order.scope(), List.of(key, v.ID.cast(String.class))), page), f);
            }
            default -> throw new NotCompiled("Query." + f.getName());
        };
    }

    // --- Vendor -------------------------------------------------------------------------------------

    static Field<?> vendor(JsonCompiler c, Vendor v, ExecutableNormalizedField f) {
        return switch (f.getName()) {
            case "id" -> globalId("Vendor", v.ID);
            case "slug" -> v.SLUG;
            case "name" -> v.NAME;
            case "kind" -> v.KIND;
            case "status" -> v.STATUS;
            case "description" -> v.DESCRIPTION;
            case "foundedYear" -> v.FOUNDED_YEAR;
            case "foundedConfidence" -> v.FOUNDED_CONFIDENCE;
            case "website" -> v.WEBSITE;
            case "isSanctioned" -> VendorQueries.isSanctioned(v.ID);
            case "revision" -> v.REVISION;
            case "createdAt" -> dateTime(v.CREATED_AT);
            case "updatedAt" -> dateTime(v.UPDATED_AT);
            case "names", "aliases" -> {
                VendorName n = c.alias(VENDOR_NAME, VENDOR_NAME::as);
                Condition where = n.VENDOR_ID.eq(v.ID);
                if ("aliases".equals(f.getName())) {
                    where = where.and(n.NAME.ne(v.NAME));
                } else if (f.getResolvedArguments().get("kinds") instanceof List<?> kinds) {
                    where = where.and(n.KIND.in(kinds));
                }
                yield c.list(ReadShapes::vendorName, n, n, where, VendorQueries.nameOrder(n), f);
            }
            case "sanctionActions" -> {
                Action a = Action.of(c);
                PageArgs page = page(f.getResolvedArguments());
                Cursor after = Cursor.decode(page.after(), SanctionQueries.ACTIONS_SCOPE, 2);
                yield c.connection(new JsonCompiler.Paging<>(ReadShapes::action, a, a.from(), a.a().VENDOR_ID.eq(v.ID),
                        SanctionQueries.actionsAfter(a.a(), a.e(), after), SanctionQueries.newestFirst(a.a(), a.e()),
                        cursor(SanctionQueries.ACTIONS_SCOPE, List.of(dateKey(a.e().SORT_ON), a.a().ID.cast(String.class))), page), f);
            }
            case "allegations" -> {
                Allegation al = c.alias(ALLEGATION, ALLEGATION::as);
                AllegationVendor av = c.alias(ALLEGATION_VENDOR, ALLEGATION_VENDOR::as);
                PageArgs page = page(f.getResolvedArguments());
                Cursor after = Cursor.decode(page.after(), AllegationQueries.SCOPE, 2);
                Condition where = av.VENDOR_ID.eq(v.ID);
                if (f.getResolvedArguments().get("status") instanceof List<?> statuses) {
                    where = where.and(al.STATUS.in(statuses));
                }
                yield c.connection(new JsonCompiler.Paging<>(ReadShapes::allegation, al, al.join(av).on(av.ALLEGATION_ID.eq(al.ID)), where,
                        AllegationQueries.after(al, after), AllegationQueries.newestFirst(al),
                        cursor(AllegationQueries.SCOPE, List.of(dateKey(al.FIRST_REPORTED_ON), al.ID.cast(String.class))), page), f);
            }
            default -> throw new NotCompiled("Vendor." + f.getName());
        };
    }

    static Field<?> vendorName(JsonCompiler c, VendorName n, ExecutableNormalizedField f) {
        return switch (f.getName()) {
            case "id" -> globalId("VendorName", n.ID);
            case "revision" -> n.REVISION;
            case "name" -> n.NAME;
            case "kind" -> n.KIND;
            case "listedIn" -> n.LISTED_IN;
            case "validFrom" -> n.VALID_FROM;
            case "validFromPrecision" -> n.VALID_FROM_PRECISION;
            case "validTo" -> n.VALID_TO;
            case "validToPrecision" -> n.VALID_TO_PRECISION;
            case "weak" -> n.WEAK;
            case "confidence" -> n.CONFIDENCE;
            case "note" -> n.NOTE;
            default -> throw new NotCompiled("VendorName." + f.getName());
        };
    }

    /** A vendor by id (e.g. the target of a sanction action), or JSON null. */
    private static Field<JSON> vendorById(JsonCompiler c, Field<Long> id, ExecutableNormalizedField f) {
        Vendor v = c.alias(VENDOR, VENDOR::as);
        return c.one(ReadShapes::vendor, v, v, v.ID.eq(id), f);
    }

    // --- sanctions ----------------------------------------------------------------------------------

    /** A sanction action joined with its act and, for its target name, the vendor it targets. */
    record Action(SanctionAction a, SanctionEvent e, Vendor target) {
        static Action of(JsonCompiler c) {
            return new Action(c.alias(SANCTION_ACTION, SANCTION_ACTION::as), c.alias(SANCTION_EVENT, SANCTION_EVENT::as),
                    c.alias(VENDOR, VENDOR::as));
        }

        org.jooq.TableLike<?> from() {
            return a.join(e).on(e.ID.eq(a.EVENT_ID)).leftJoin(target).on(target.ID.eq(a.VENDOR_ID));
        }

        /** As SanctionActionView.liftedOn(): the target's own lifting, else the act's. */
        Field<java.time.LocalDate> liftedOn() {
            return DSL.coalesce(a.LIFTED_ON, e.LIFTED_ON);
        }
    }

    static Field<?> action(JsonCompiler c, Action x, ExecutableNormalizedField f) {
        SanctionAction a = x.a();
        SanctionEvent e = x.e();
        return switch (f.getName()) {
            case "id" -> globalId("SanctionAction", a.ID);
            case "revision" -> a.REVISION;
            case "targetKind" -> DSL.when(a.VENDOR_ID.isNotNull(), DSL.inline("VENDOR")).otherwise(DSL.inline("PERSON"));
            case "targetName" -> DSL.coalesce(a.LISTED_NAME, x.target().NAME, a.PERSON_NAME);
            case "vendor" -> vendorById(c, a.VENDOR_ID, f);
            case "affiliatedVendor" -> vendorById(c, a.AFFILIATED_VENDOR_ID, f);
            case "authority" -> {
                if (onlyKey(f, "code")) {
                    yield c.object(f.getChildren(), k -> e.AUTHORITY_CODE); // the foreign key is the code: no join
                }
                SanctionAuthority au = c.alias(SANCTION_AUTHORITY, SANCTION_AUTHORITY::as);
                yield c.one(ReadShapes::authority, au, au, au.CODE.eq(e.AUTHORITY_CODE), f);
            }
            case "program" -> onlyKey(f, "code")
                    ? DSL.when(e.PROGRAM_CODE.isNull(), DSL.inline((JSON) null)).otherwise(c.object(f.getChildren(), k -> e.PROGRAM_CODE))
                    : program(c, e.PROGRAM_CODE, f);
            case "programDetail" -> e.PROGRAM_DETAIL;
            case "actionType" -> e.ACTION_TYPE;
            case "title" -> e.TITLE;
            case "announcedOn" -> e.ANNOUNCED_ON;
            case "publishedOn" -> e.PUBLISHED_ON;
            case "effectiveOn" -> e.EFFECTIVE_ON;
            case "liftedOn" -> x.liftedOn();
            case "isActive" -> SanctionQueries.inForce(a, e);
            case "citation" -> e.CITATION;
            case "documentNumber" -> e.DOCUMENT_NUMBER;
            case "pressRelease" -> e.PRESS_RELEASE;
            case "url" -> e.URL;
            case "licenseRequirement" -> e.LICENSE_REQUIREMENT;
            case "licenseExceptions" -> e.LICENSE_EXCEPTIONS;
            case "licensePolicy" -> e.LICENSE_POLICY;
            case "listedName" -> a.LISTED_NAME;
            case "listedAliases" -> textArray(a.LISTED_ALIASES);
            case "listedAddress" -> a.LISTED_ADDRESS;
            case "reason" -> a.REASON;
            // as SanctionQueries.lowest: the entry's own confidence, or the act's when that is lower
            case "confidence" -> DSL.when(a.CONFIDENCE.isNull(), e.CONFIDENCE).when(e.CONFIDENCE.isNull(), a.CONFIDENCE)
                    .when(a.CONFIDENCE.eq("LOW").or(e.CONFIDENCE.eq("LOW")), DSL.inline("LOW"))
                    .when(a.CONFIDENCE.eq("MEDIUM").or(e.CONFIDENCE.eq("MEDIUM")), DSL.inline("MEDIUM"))
                    .otherwise(DSL.inline("HIGH"));
            case "notes" -> DSL.field("{0} || {1}", String[].class, textArray(a.NOTES), textArray(e.NOTES));
            default -> throw new NotCompiled("SanctionAction." + f.getName());
        };
    }

    static Field<?> authority(JsonCompiler c, SanctionAuthority au, ExecutableNormalizedField f) {
        return switch (f.getName()) {
            case "code" -> au.CODE;
            case "name" -> au.NAME;
            case "countryCode" -> au.COUNTRY_CODE;
            default -> throw new NotCompiled("SanctionAuthority." + f.getName());
        };
    }

    private static Field<JSON> program(JsonCompiler c, Field<String> code, ExecutableNormalizedField f) {
        SanctionProgram p = c.alias(SANCTION_PROGRAM, SANCTION_PROGRAM::as);
        return c.one((cc, pr, ff) -> switch (ff.getName()) {
            case "code" -> pr.CODE;
            case "name" -> pr.NAME;
            case "authority" -> {
                SanctionAuthority au = cc.alias(SANCTION_AUTHORITY, SANCTION_AUTHORITY::as);
                yield cc.one(ReadShapes::authority, au, au, au.CODE.eq(pr.AUTHORITY_CODE), ff);
            }
            default -> throw new NotCompiled("SanctionProgram." + ff.getName());
        }, p, p, p.CODE.eq(code), f);
    }

    // --- allegations and sources --------------------------------------------------------------------

    static Field<?> allegation(JsonCompiler c, Allegation al, ExecutableNormalizedField f) {
        return switch (f.getName()) {
            case "id" -> globalId("Allegation", al.ID);
            case "revision" -> al.REVISION;
            case "vendor" -> vendorById(c, al.VENDOR_ID, f);
            case "title" -> al.TITLE;
            case "summary" -> al.SUMMARY;
            case "category" -> al.CATEGORY;
            case "status" -> al.STATUS;
            case "statusReason" -> al.STATUS_REASON;
            case "firstReportedOn" -> al.FIRST_REPORTED_ON;
            case "firstReportedOnPrecision" -> al.FIRST_REPORTED_PRECISION;
            case "reportedBy" -> al.REPORTED_BY;
            case "confidence" -> al.CONFIDENCE;
            case "notes" -> textArray(al.NOTES);
            case "sources" -> sourcesOf(c, ci -> ci.ALLEGATION_ID.eq(al.ID), f);
            default -> throw new NotCompiled("Allegation." + f.getName());
        };
    }

    /**
     * The distinct sources cited for a claim, in the order SourceQueries.citationsOf lists the
     * citations (strongest confidence, newest source, then citation id), each at its first citation.
     */
    private static Field<JSON> sourcesOf(JsonCompiler c, java.util.function.Function<Citation, Condition> claim,
                                         ExecutableNormalizedField f) {
        Citation ci = c.alias(CITATION, CITATION::as);
        Source s = c.alias(SOURCE, SOURCE::as);
        String k = "first_" + ci.getName();
        var firsts = DSL.selectDistinct(ci.SOURCE_ID.as("sid"), Sql.confidenceRank(ci.CONFIDENCE).as("rank"), ci.ID.as("cid"))
                .on(ci.SOURCE_ID).from(ci).where(claim.apply(ci))
                .orderBy(ci.SOURCE_ID, Sql.confidenceRank(ci.CONFIDENCE), ci.ID).asTable(k);
        Field<JSON> agg = JsonCompiler.jsonAgg(c.object(ReadShapes::source, s, f.getChildren()),
                List.of(DSL.field(DSL.name(k, "rank")).asc(), s.SORT_ON.desc(), DSL.field(DSL.name(k, "cid")).asc()), null);
        return DSL.field("coalesce(({0}), '[]'::json)", JSON.class,
                DSL.select(agg).from(firsts).join(s).on(s.ID.eq(DSL.field(DSL.name(k, "sid"), Long.class))));
    }

    static Field<?> source(JsonCompiler c, Source s, ExecutableNormalizedField f) {
        return switch (f.getName()) {
            case "id" -> globalId("Source", s.ID);
            case "revision" -> s.REVISION;
            case "url" -> s.URL;
            case "title" -> s.TITLE;
            case "publisher" -> s.PUBLISHER;
            case "publishedOn" -> s.PUBLISHED_ON;
            case "publishedOnPrecision" -> s.PUBLISHED_PRECISION;
            case "kind" -> s.KIND;
            case "access" -> s.ACCESS;
            case "citation" -> s.CITATION;
            case "archivedUrl" -> s.ARCHIVED_URL;
            case "seenVia" -> textArray(s.SEEN_VIA);
            case "relatedUrls" -> textArray(s.RELATED_URLS);
            case "note" -> s.NOTE;
            default -> throw new NotCompiled("Source." + f.getName());
        };
    }

    /** True when an object field selects nothing but {@code key} (and __typename). */
    private static boolean onlyKey(ExecutableNormalizedField f, String key) {
        return f.getChildren().stream().allMatch(x -> key.equals(x.getName()) || "__typename".equals(x.getName()));
    }

    // --- arguments ----------------------------------------------------------------------------------

    /** first/after as the data fetchers validate them (PAGE_SIZE is thrown, and the query falls back). */
    private static PageArgs page(Map<String, Object> args) {
        return PageArgs.of((Integer) args.get("first"), (String) args.get("after"));
    }

    @SuppressWarnings("unchecked")
    private static VendorQueries.Order order(Object arg) {
        if (!(arg instanceof Map<?, ?> m)) {
            return VendorQueries.Order.DEFAULT;
        }
        Map<String, Object> o = (Map<String, Object>) m;
        return new VendorQueries.Order((String) o.getOrDefault("field", "NAME"), (String) o.getOrDefault("direction", "ASC"));
    }

    @SuppressWarnings("unchecked")
    private static VendorQueries.Filter filter(Object arg) {
        if (!(arg instanceof Map<?, ?> m)) {
            return null;
        }
        Map<String, Object> f = (Map<String, Object>) m;
        return new VendorQueries.Filter((List<String>) f.get("jurisdictions"), (List<String>) f.get("jurisdictionRoles"),
                (Boolean) f.get("sanctioned"), (List<String>) f.get("sanctionAuthorities"),
                (List<String>) f.get("sanctionPrograms"), (String) f.get("text"), (List<String>) f.get("kinds"));
    }
}
