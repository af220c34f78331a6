package org.vendorwatch.platform.editing;

import static org.vendorwatch.db.Tables.CITATION;
import static org.vendorwatch.db.Tables.SOURCE;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/**
 * Citations as part of a write: checking the sources an editor cites, attaching them to the claim
 * just written, and recording the citations a removal takes with it. Every citation written is
 * audited with the claim's mutation.
 */
@Component
public class Citations {

    /** One source supporting a claim, as sent ({@code CitationInput} in the schema). */
    public record CitationInput(String sourceId, String quote, String locator, String confidence, String aspect) {}

    /** A checked citation, ready to write. */
    public record Spec(long sourceId, String quote, String locator, String confidence, String aspect) {
        public Spec withAspect(String aspect) {
            return new Spec(sourceId, quote, locator, confidence, aspect);
        }
    }

    public static final int MAX_PER_CLAIM = 50;

    private final DSLContext dsl;
    private final Audit audit;

    public Citations(DSLContext dsl, Audit audit) {
        this.dsl = dsl;
        this.audit = audit;
    }

    /** Checks a list of citations (at least one when required), each naming a source that exists. */
    public List<Spec> check(Form form, String field, List<CitationInput> raw, boolean required) {
        if (raw == null || raw.isEmpty()) {
            if (required) {
                form.error(field, "Cite at least one source: every claim needs one.", "SOURCE_REQUIRED");
            }
            return List.of();
        }
        if (raw.size() > MAX_PER_CLAIM) {
            form.error(field, field + " may hold at most " + MAX_PER_CLAIM + " citations.", "TOO_LONG");
            return List.of();
        }
        List<Spec> out = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            Spec s = check(form.at(field, i), raw.get(i));
            if (s == null) {
                continue;
            }
            if (!seen.add(s.sourceId())) {
                form.at(field, i).error("sourceId", "The same source is cited twice.", "DUPLICATE");
            } else {
                out.add(s);
            }
        }
        return out;
    }

    /** Checks one citation; null (with errors in the form) when it cannot be written. */
    public Spec check(Form form, CitationInput c) {
        if (c == null) {
            form.error(null, "A citation is required.", "REQUIRED");
            return null;
        }
        Long source = form.id("sourceId", c.sourceId(), true, "Source");
        String quote = form.prose("quote", c.quote(), 4000, false);
        String locator = form.line("locator", c.locator(), 500, false);
        String confidence = form.value("confidence", c.confidence(), true);
        String aspect = form.aspect("aspect", c.aspect());
        if (source != null && !dsl.fetchExists(SOURCE, SOURCE.ID.eq(source))) {
            form.error("sourceId", "No such source (add it with addSource first).", "UNKNOWN_SOURCE");
            return null;
        }
        return source == null || confidence == null ? null : new Spec(source, quote, locator, confidence, aspect);
    }

    /**
     * Attaches citations to a claim (each an ATTACH in the audit trail, under the transaction's
     * mutation); a source the claim already cites is left as it is.
     */
    public void attach(RecordType claim, long claimId, Long vendorId, List<Spec> specs) {
        if (!specs.isEmpty()) {
            audit.act(null, null, vendorId);
        }
        for (Spec c : specs) {
            var column = claim.citationColumn();
            if (dsl.fetchExists(
                    CITATION,
                    column.eq(claimId)
                            .and(CITATION.SOURCE_ID.eq(c.sourceId()))
                            .and(c.aspect() == null ? CITATION.ASPECT.isNull() : CITATION.ASPECT.eq(c.aspect())))) {
                continue;
            }
            dsl.insertInto(CITATION)
                    .set(CITATION.SOURCE_ID, c.sourceId())
                    .set(column, claimId)
                    .set(CITATION.QUOTE, c.quote())
                    .set(CITATION.LOCATOR, c.locator())
                    .set(CITATION.CONFIDENCE, c.confidence())
                    .set(CITATION.ASPECT, c.aspect())
                    .execute();
        }
    }

    /** The citations of a claim, as they are (public fields), for a record of a removal. */
    public List<org.jooq.JSONB> of(RecordType claim, long claimId) {
        return dsl.select(Audit.publicRow("c"))
                .from(CITATION.as("c"))
                .where(org.jooq
                        .impl
                        .DSL
                        .field(
                                org.jooq.impl.DSL.name(
                                        "c", claim.citationColumn().getName()),
                                Long.class)
                        .eq(claimId))
                .orderBy(org.jooq.impl.DSL.field(org.jooq.impl.DSL.name("c", "id")))
                .fetch(0, org.jooq.JSONB.class);
    }
}
