package org.vendorwatch.source;

import org.vendorwatch.source.SourcePayloads.CitationsPayload;
import static org.vendorwatch.db.Tables.ALLEGATION;
import static org.vendorwatch.db.Tables.ALLEGATION_DEVELOPMENT;
import static org.vendorwatch.db.Tables.CITATION;
import static org.vendorwatch.db.Tables.SANCTION_ACTION;
import static org.vendorwatch.db.Tables.SANCTION_EVENT;
import static org.vendorwatch.db.Tables.SOURCE;
import static org.vendorwatch.db.Tables.VENDOR_IDENTIFIER;
import static org.vendorwatch.db.Tables.VENDOR_JURISDICTION;
import static org.vendorwatch.db.Tables.VENDOR_NAME;
import static org.vendorwatch.db.Tables.VENDOR_NOTE;
import static org.vendorwatch.db.Tables.VENDOR_RELATIONSHIP;
import static org.vendorwatch.db.Tables.VENDOR_STATEMENT;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.vendorwatch.db.tables.records.CitationRecord;
import org.vendorwatch.platform.auth.Actor;
import org.vendorwatch.platform.auth.EditorGuard;
import org.vendorwatch.platform.editing.Audit;
import org.vendorwatch.platform.editing.Input;
import org.vendorwatch.platform.editing.Payload;
import org.vendorwatch.platform.graphql.GlobalId;

/** Writing citations: validating them for any command, attaching and detaching them. */
@Component
public class CitationCommands {

    /** A validated citation, ready to write. */
    public record CitationSpec(long sourceId, String quote, String locator, String confidence, String aspect) {
    }

    /** A claim's table, citation column and the column holding its vendor (for history), by global id type. */
    private record Claim(Table<?> table, TableField<CitationRecord, Long> column, Field<Long> vendor) {
    }

    private static final Map<String, Claim> CLAIMS = Map.of(
            "VendorName", new Claim(VENDOR_NAME, CITATION.VENDOR_NAME_ID, VENDOR_NAME.VENDOR_ID),
            "VendorJurisdiction", new Claim(VENDOR_JURISDICTION, CITATION.VENDOR_JURISDICTION_ID, VENDOR_JURISDICTION.VENDOR_ID),
            "VendorIdentifier", new Claim(VENDOR_IDENTIFIER, CITATION.VENDOR_IDENTIFIER_ID, VENDOR_IDENTIFIER.VENDOR_ID),
            "VendorRelationship", new Claim(VENDOR_RELATIONSHIP, CITATION.VENDOR_RELATIONSHIP_ID, VENDOR_RELATIONSHIP.SUBJECT_VENDOR_ID),
            "VendorNote", new Claim(VENDOR_NOTE, CITATION.VENDOR_NOTE_ID, VENDOR_NOTE.VENDOR_ID),
            "VendorStatement", new Claim(VENDOR_STATEMENT, CITATION.VENDOR_STATEMENT_ID, VENDOR_STATEMENT.VENDOR_ID),
            "SanctionAction", new Claim(SANCTION_ACTION, CITATION.SANCTION_ACTION_ID, SANCTION_ACTION.VENDOR_ID),
            "SanctionEvent", new Claim(SANCTION_EVENT, CITATION.SANCTION_EVENT_ID, DSL.inline((Long) null, Long.class)),
            "Allegation", new Claim(ALLEGATION, CITATION.ALLEGATION_ID, ALLEGATION.VENDOR_ID),
            "AllegationDevelopment", new Claim(ALLEGATION_DEVELOPMENT, CITATION.ALLEGATION_DEVELOPMENT_ID, DSL.inline((Long) null, Long.class)));

    private final DSLContext dsl;
    private final Audit audit;
    private final EditorGuard guard;
    private final SourceQueries sources;

    public CitationCommands(DSLContext dsl, Audit audit, EditorGuard guard, SourceQueries sources) {
        this.dsl = dsl;
        this.audit = audit;
        this.guard = guard;
        this.sources = sources;
    }

    /**
     * Validates {@code field} of the input as a list of citations: at least one when required, each
     * naming a source that exists. Problems go into the input's errors.
     */
    public List<CitationSpec> validate(Input in, String field, boolean required) {
        List<Input> items = in.objects(field, 50);
        if (required && items.isEmpty() && in.errors().stream().noneMatch(e -> e.field().endsWith(field))) {
            in.error(field, "Cite at least one source: every claim needs one.", "SOURCE_REQUIRED");
        }
        List<CitationSpec> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (Input c : items) {
            Long source = c.id("sourceId", true, "Source");
            String quote = c.text("quote", 4000, false);
            String locator = c.text("locator", 500, false);
            String confidence = c.confidence("confidence", true);
            String aspect = c.text("aspect", 60, false);
            if (aspect != null && !aspect.matches("[a-z][a-z0-9_]{0,59}")) {
                c.error("aspect", "aspect must be lowercase letters, digits and underscores.", "INVALID_VALUE");
            }
            if (source != null && !seen.add(source)) {
                c.error("sourceId", "The same source is cited twice.", "DUPLICATE");
            } else if (source != null && !dsl.fetchExists(SOURCE, SOURCE.ID.eq(source))) {
                c.error("sourceId", "No such source (add it with addSource first).", "UNKNOWN_SOURCE");
            } else if (source != null && confidence != null) {
                out.add(new CitationSpec(source, quote, locator, confidence, aspect));
            }
        }
        return out;
    }

    /** Writes the citations of a claim just written, each with its audit event. */
    public void write(Actor actor, String mutation, ClaimKind kind, long claimId, Long vendorId, List<CitationSpec> specs) {
        attachAudited(actor, mutation, kind, claimId, vendorId, specs);
    }

    /** Attaches citations, each with its audit event; a source the claim already cites is left as it is. */
    public void attachAudited(Actor actor, String mutation, ClaimKind kind, long claimId, Long vendorId, List<CitationSpec> specs) {
        for (CitationSpec c : specs) {
            if (dsl.fetchExists(CITATION, SourceQueries.column(kind).eq(claimId).and(CITATION.SOURCE_ID.eq(c.sourceId())))) {
                continue;
            }
            long id = dsl.insertInto(CITATION)
                    .set(CITATION.SOURCE_ID, c.sourceId())
                    .set(SourceQueries.column(kind), claimId)
                    .set(CITATION.QUOTE, c.quote())
                    .set(CITATION.LOCATOR, c.locator())
                    .set(CITATION.CONFIDENCE, c.confidence())
                    .set(CITATION.ASPECT, c.aspect())
                    .onConflictDoNothing()
                    .returning(CITATION.ID).fetchOptional(CITATION.ID).orElse(0L);
            if (id != 0) {
                audit.record(actor, mutation, "ATTACH", "Citation", id, vendorId, null, audit.snapshot(CITATION, id), null);
            }
        }
    }

    /** Records the removal of every citation of a claim about to be deleted (the delete cascades to them). */
    public void detachAllAudited(Actor actor, String mutation, ClaimKind kind, long claimId, Long vendorId, String note) {
        for (Long id : dsl.select(CITATION.ID).from(CITATION).where(SourceQueries.column(kind).eq(claimId)).fetch(CITATION.ID)) {
            audit.record(actor, mutation, "DETACH", "Citation", id, vendorId, audit.snapshot(CITATION, id), null, note);
        }
    }

    @Transactional
    public CitationsPayload attachCitation(Map<String, Object> raw) {
        Actor actor = guard.requireEditor();
        Input in = new Input(raw);
        GlobalId claimId = in.globalId("claimId", CLAIMS.keySet().toArray(String[]::new));
        Input citation = in.object("citation");
        List<CitationSpec> specs = citation == null ? List.of() : validate(new WrapOne(citation).input(), "items", true);
        Claim claim = claimId == null ? null : CLAIMS.get(claimId.type());
        if (claim != null && !dsl.fetchExists(claim.table(), DSL.field(DSL.name("id"), Long.class).eq(claimId.rowId()))) {
            in.error("claimId", "No such claim.", "NOT_FOUND");
        }
        if (claim != null && in.ok() && dsl.fetchExists(CITATION, claim.column().eq(claimId.rowId()).and(CITATION.SOURCE_ID.eq(specs.getFirst().sourceId())))) {
            in.error("citation.sourceId", "The claim already cites this source.", "DUPLICATE");
        }
        if (!in.ok()) {
            return CitationsPayload.failed(in.errors());
        }
        attachAudited(actor, "attachCitation", kindOf(claimId.type()), claimId.rowId(), vendorOf(claim, claimId.rowId()), specs);
        return new CitationsPayload(sources.citations(kindOf(claimId.type()), List.of(claimId.rowId())).getOrDefault(claimId.rowId(), List.of()), in.errors());
    }

    @Transactional
    public CitationsPayload detachCitation(Map<String, Object> raw) {
        Actor actor = guard.requireEditor();
        Input in = new Input(raw);
        GlobalId claimId = in.globalId("claimId", CLAIMS.keySet().toArray(String[]::new));
        Long sourceId = in.id("sourceId", true, "Source");
        String note = in.text("changeNote", 2000, true);
        if (!in.ok()) {
            return CitationsPayload.failed(in.errors());
        }
        Claim claim = CLAIMS.get(claimId.type());
        List<Long> ids = dsl.select(CITATION.ID).from(CITATION).where(claim.column().eq(claimId.rowId()))
                .forUpdate().fetch(CITATION.ID);
        Long target = dsl.select(CITATION.ID).from(CITATION)
                .where(claim.column().eq(claimId.rowId())).and(CITATION.SOURCE_ID.eq(sourceId)).limit(1).fetchOne(CITATION.ID);
        if (target == null) {
            return CitationsPayload.failed(Payload.error("input.sourceId", "The claim does not cite this source.", "NOT_FOUND"));
        }
        boolean eventBacked = claimId.type().equals("SanctionAction") && dsl.fetchExists(dsl.selectOne().from(CITATION)
                .join(SANCTION_ACTION).on(SANCTION_ACTION.EVENT_ID.eq(CITATION.SANCTION_EVENT_ID))
                .where(SANCTION_ACTION.ID.eq(claimId.rowId())));
        if (ids.size() <= 1 && !eventBacked) {
            return CitationsPayload.failed(Payload.error("input.sourceId", "This is the claim's last source; attach another before removing it.", "LAST_CITATION"));
        }
        var before = audit.snapshot(CITATION, target);
        dsl.deleteFrom(CITATION).where(CITATION.ID.eq(target)).execute();
        audit.record(actor, "detachCitation", "DETACH", "Citation", target, vendorOf(claim, claimId.rowId()), before, null, note);
        return new CitationsPayload(sources.citations(kindOf(claimId.type()), List.of(claimId.rowId())).getOrDefault(claimId.rowId(), List.of()), in.errors());
    }

    private Long vendorOf(Claim claim, long rowId) {
        return dsl.select(claim.vendor()).from(claim.table()).where(DSL.field(DSL.name("id"), Long.class).eq(rowId)).fetchOne(0, Long.class);
    }

    private static ClaimKind kindOf(String type) {
        return switch (type) {
            case "VendorName" -> ClaimKind.VENDOR_NAME;
            case "VendorJurisdiction" -> ClaimKind.VENDOR_JURISDICTION;
            case "VendorIdentifier" -> ClaimKind.VENDOR_IDENTIFIER;
            case "VendorRelationship" -> ClaimKind.VENDOR_RELATIONSHIP;
            case "VendorNote" -> ClaimKind.VENDOR_NOTE;
            case "VendorStatement" -> ClaimKind.VENDOR_STATEMENT;
            case "SanctionAction" -> ClaimKind.SANCTION_ACTION;
            case "SanctionEvent" -> ClaimKind.SANCTION_EVENT;
            case "Allegation" -> ClaimKind.ALLEGATION;
            default -> ClaimKind.ALLEGATION_DEVELOPMENT;
        };
    }

    /** Lets a single citation input be validated by the list validator. */
    private record WrapOne(Input single) {
        Input input() {
            return single.wrapAsList("items");
        }
    }
}
