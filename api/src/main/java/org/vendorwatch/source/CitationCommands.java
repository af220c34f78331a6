package org.vendorwatch.source;

import static org.vendorwatch.db.Tables.CITATION;
import static org.vendorwatch.db.Tables.SANCTION_ACTION;

import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.vendorwatch.platform.auth.EditorsOnly;
import org.vendorwatch.platform.editing.Audit;
import org.vendorwatch.platform.editing.Changes;
import org.vendorwatch.platform.editing.Citations;
import org.vendorwatch.platform.editing.Edits;
import org.vendorwatch.platform.editing.Edits.Outcome;
import org.vendorwatch.platform.editing.Form;
import org.vendorwatch.platform.editing.RecordType;
import org.vendorwatch.platform.graphql.GlobalId;
import org.vendorwatch.source.SourceInputs.AttachCitationInput;
import org.vendorwatch.source.SourceInputs.DetachCitationInput;
import org.vendorwatch.source.SourceInputs.UpdateCitationInput;
import org.vendorwatch.source.SourcePayloads.CitationsPayload;

/** Linking claims to sources: attaching, correcting and detaching one citation. */
@Component
public class CitationCommands {

    private final DSLContext dsl;
    private final Edits edits;
    private final Audit audit;
    private final Citations citations;
    private final SourceQueries sources;

    public CitationCommands(DSLContext dsl, Edits edits, Audit audit, Citations citations, SourceQueries sources) {
        this.dsl = dsl;
        this.edits = edits;
        this.audit = audit;
        this.citations = citations;
        this.sources = sources;
    }

    /** The claim a citation mutation names: any record a citation can support. */
    private record Claim(RecordType type, long id) {
        Condition cites() {
            return type.citationColumn().eq(id);
        }
    }

    private Claim claim(Form f, String raw) {
        GlobalId g = f.globalId("claimId", raw, RecordType.citable().toArray(String[]::new));
        if (g == null) {
            return null;
        }
        RecordType type = RecordType.byTypeName(g.type()).orElseThrow();
        if (!dsl.fetchExists(type.table(), type.id().eq(g.rowId()))) {
            f.error("claimId", "No such claim (it may have been withdrawn).", "NOT_FOUND");
            return null;
        }
        return new Claim(type, g.rowId());
    }

    private List<CitationView> citationsOf(Claim c) {
        ClaimKind kind = ClaimKind.valueOf(c.type().name());
        return sources.citations(kind, List.of(c.id())).getOrDefault(c.id(), List.of());
    }

    @EditorsOnly
    @Transactional
    public CitationsPayload attachCitation(AttachCitationInput in) {
        Form f = Form.input();
        Claim claim = claim(f, in.claimId());
        Citations.Spec spec = citations.check(f.at("citation"), in.citation());
        if (claim != null
                && spec != null
                && dsl.fetchExists(
                        CITATION,
                        claim.cites()
                                .and(CITATION.SOURCE_ID.eq(spec.sourceId()))
                                .and(aspect(spec.aspect())))) {
            f.error(
                    "citation.sourceId",
                    "The claim already cites this source" + (spec.aspect() == null ? "" : " for this aspect") + ".",
                    "DUPLICATE");
        }
        if (!f.ok()) {
            return CitationsPayload.failed(f.errors());
        }
        edits.begin("attachCitation");
        citations.attach(claim.type(), claim.id(), edits.vendorOf(claim.type(), claim.id()), List.of(spec));
        return new CitationsPayload(citationsOf(claim), true, List.of());
    }

    /** Corrects a citation's quote, locator or confidence (its source and claim are what it is: detach and attach to change them). */
    @EditorsOnly
    @Transactional
    public CitationsPayload updateCitation(UpdateCitationInput in) {
        Form f = Form.input();
        Claim claim = claim(f, in.claimId());
        Long sourceId = f.id("sourceId", in.sourceId(), true, "Source");
        String aspect = f.aspect("aspect", in.aspect());
        String note = f.reason("changeNote", in.changeNote(), true);
        Changes c = new Changes(f)
                .prose(CITATION.QUOTE, "quote", in.quote(), 4000, false)
                .line(CITATION.LOCATOR, "locator", in.locator(), 500, false)
                .value(CITATION.CONFIDENCE, "confidence", in.confidence(), true);
        Long target = claim == null || sourceId == null ? null : one(f, claim, sourceId, aspect);
        if (!f.ok()) {
            return CitationsPayload.failed(f.errors());
        }
        Outcome o =
                edits.update("updateCitation", "UPDATE", RecordType.CITATION_LINK, target, 0, note, c, null, List.of());
        return o.ok()
                ? new CitationsPayload(citationsOf(claim), o.changed(), List.of())
                : CitationsPayload.failed(o.errors());
    }

    /** Unlinks a source from a claim. A claim's last source stays: attach another first. */
    @EditorsOnly
    @Transactional
    public CitationsPayload detachCitation(DetachCitationInput in) {
        Form f = Form.input();
        Claim claim = claim(f, in.claimId());
        Long sourceId = f.id("sourceId", in.sourceId(), true, "Source");
        String aspect = f.aspect("aspect", in.aspect());
        String note = f.reason("changeNote", in.changeNote(), true);
        Long target = claim == null || sourceId == null ? null : one(f, claim, sourceId, aspect);
        if (!f.ok()) {
            return CitationsPayload.failed(f.errors());
        }
        int all = dsl.fetchCount(dsl.selectFrom(CITATION).where(claim.cites()).forUpdate());
        boolean eventBacked = claim.type() == RecordType.SANCTION_ACTION
                && dsl.fetchExists(dsl.selectOne()
                        .from(CITATION)
                        .join(SANCTION_ACTION)
                        .on(SANCTION_ACTION.EVENT_ID.eq(CITATION.SANCTION_EVENT_ID))
                        .where(SANCTION_ACTION.ID.eq(claim.id())));
        if (all <= 1 && !eventBacked) {
            return CitationsPayload.failed(List.of(new org.vendorwatch.platform.editing.UserError(
                    "input.sourceId",
                    "This is the claim's last source; attach another before removing it (or withdraw the claim).",
                    "LAST_CITATION")));
        }
        edits.begin("detachCitation");
        audit.act(null, note, edits.vendorOf(claim.type(), claim.id()));
        dsl.deleteFrom(CITATION).where(CITATION.ID.eq(target)).execute();
        return new CitationsPayload(citationsOf(claim), true, List.of());
    }

    /** The one citation of a claim by a source (for the aspect, when the source supports several). */
    private Long one(Form f, Claim claim, long sourceId, String aspect) {
        List<Long> ids = dsl.select(CITATION.ID)
                .from(CITATION)
                .where(claim.cites())
                .and(CITATION.SOURCE_ID.eq(sourceId))
                .and(aspect == null ? DSL.noCondition() : CITATION.ASPECT.eq(aspect))
                .fetch(CITATION.ID);
        if (ids.isEmpty()) {
            f.error(
                    "sourceId",
                    "The claim does not cite this source" + (aspect == null ? "" : " for this aspect") + ".",
                    "NOT_FOUND");
            return null;
        }
        if (ids.size() > 1) {
            f.error("aspect", "The claim cites this source for several aspects; say which (aspect).", "REQUIRED");
            return null;
        }
        return ids.getFirst();
    }

    private static Condition aspect(String aspect) {
        return aspect == null ? CITATION.ASPECT.isNull() : CITATION.ASPECT.eq(aspect);
    }
}
