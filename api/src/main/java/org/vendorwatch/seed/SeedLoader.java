package org.vendorwatch.seed;

import static org.vendorwatch.db.Tables.ALLEGATION;
import static org.vendorwatch.db.Tables.ALLEGATION_DEVELOPMENT;
import static org.vendorwatch.db.Tables.ALLEGATION_VENDOR;
import static org.vendorwatch.db.Tables.AUDIT_EVENT;
import static org.vendorwatch.db.Tables.CITATION;
import static org.vendorwatch.db.Tables.PRODUCT;
import static org.vendorwatch.db.Tables.PRODUCT_VENDOR;
import static org.vendorwatch.db.Tables.SANCTION_ACTION;
import static org.vendorwatch.db.Tables.SANCTION_AUTHORITY;
import static org.vendorwatch.db.Tables.SANCTION_EVENT;
import static org.vendorwatch.db.Tables.SANCTION_PROGRAM;
import static org.vendorwatch.db.Tables.SEED_CONFLICT;
import static org.vendorwatch.db.Tables.SEED_ROW;
import static org.vendorwatch.db.Tables.SEED_STATE;
import static org.vendorwatch.db.Tables.SOURCE;
import static org.vendorwatch.db.Tables.VENDOR;
import static org.vendorwatch.db.Tables.VENDOR_IDENTIFIER;
import static org.vendorwatch.db.Tables.VENDOR_JURISDICTION;
import static org.vendorwatch.db.Tables.VENDOR_MERGE;
import static org.vendorwatch.db.Tables.VENDOR_NAME;
import static org.vendorwatch.db.Tables.VENDOR_NOTE;
import static org.vendorwatch.db.Tables.VENDOR_RELATIONSHIP;
import static org.vendorwatch.db.Tables.VENDOR_STATEMENT;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.vendorwatch.platform.auth.Actor;
import org.vendorwatch.platform.editing.Audit;
import org.vendorwatch.platform.editing.RecordType;
import org.vendorwatch.platform.time.FuzzyDate;
import org.vendorwatch.seed.SeedFiles.AllegationSeed;
import org.vendorwatch.seed.SeedFiles.Allegations;
import org.vendorwatch.seed.SeedFiles.DevelopmentSeed;
import org.vendorwatch.seed.SeedFiles.EventSeed;
import org.vendorwatch.seed.SeedFiles.Manifest;
import org.vendorwatch.seed.SeedFiles.NameSeed;
import org.vendorwatch.seed.SeedFiles.ProductSeed;
import org.vendorwatch.seed.SeedFiles.Sanctions;
import org.vendorwatch.seed.SeedFiles.SourceRef;
import org.vendorwatch.seed.SeedFiles.SourceSeed;
import org.vendorwatch.seed.SeedFiles.Sources;
import org.vendorwatch.seed.SeedFiles.TargetSeed;
import org.vendorwatch.seed.SeedFiles.VendorSeed;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Loads the curated seed (seed/*.yaml, see seed/FORMAT.md) into the database in one transaction. The
 * seed bootstraps the database; after that the records belong to the editors, so a new seed is
 * merged three ways, record by record, by stable seed key:
 * <ul>
 * <li>{@code seed_row} keeps, for every record the seed ever wrote, the values the seed last gave it
 * (the base);</li>
 * <li>a value the new seed changes is written only where the row still holds the base value; where
 * an editor changed any value the seed now changes, the row stays as the editor left it and the
 * difference is recorded in {@code seed_conflict} (and logged) for editors to settle;</li>
 * <li>a record an editor withdrew or merged away is never re-created;</li>
 * <li>a record that left the files is deleted only if no editor ever touched it; otherwise it stays,
 * no longer seed-managed, and the conflict is recorded.</li>
 * </ul>
 * Every seed write is audited (actor {@code seed}). A hash of the files is kept in seed_state: when
 * it matches, nothing is read or written at all. Only the service's start runs the loader (see
 * SeedConfiguration), never the release command.
 */
public class SeedLoader {

    private static final Logger LOG = LoggerFactory.getLogger(SeedLoader.class);
    /** Bump when the mapping from files to rows changes, so existing databases reload. */
    private static final String LOADER_VERSION = "2";
    /** The id of a record the seed describes but the database no longer holds (an editor removed it), and of its children. */
    static final long GONE = -1;

    /** Tables in delete order (children first). */
    private static final List<Table<?>> TABLES = List.of(
            CITATION,
            ALLEGATION_DEVELOPMENT,
            ALLEGATION_VENDOR,
            ALLEGATION,
            SANCTION_ACTION,
            SANCTION_EVENT,
            SANCTION_PROGRAM,
            SANCTION_AUTHORITY,
            VENDOR_STATEMENT,
            VENDOR_NOTE,
            PRODUCT_VENDOR,
            PRODUCT,
            VENDOR_RELATIONSHIP,
            VENDOR_IDENTIFIER,
            VENDOR_JURISDICTION,
            VENDOR_NAME,
            VENDOR,
            SOURCE);

    private final DSLContext dsl;
    private final Audit audit;
    private final String location;
    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();
    private final ObjectMapper yaml = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Seed keys written in this run, per table. */
    private final Map<Table<?>, Set<String>> seen = new HashMap<>();

    private final Map<String, Long> sourceIds = new HashMap<>();
    /** The version being loaded (the files' hash) and how many conflicts it met. */
    private String sha;
    /** Whether the database was seeded by a loader that kept no seed_row (its events hold whole rows instead). */
    private boolean legacy;

    private int conflicts;
    private final Map<String, Long> vendorIds = new HashMap<>();
    private final Map<String, Long> eventIds = new HashMap<>();
    private final Map<String, Long> productIds = new HashMap<>();

    public SeedLoader(DSLContext dsl, String location) {
        this.dsl = dsl;
        this.audit = new Audit(dsl);
        this.location = location.endsWith("/") ? location : location + "/";
    }

    /** Result of a load: whether anything was (re)loaded, the row counts per table, and the conflicts it left for editors. */
    public record Result(boolean loaded, String sha256, Map<String, Integer> counts, int conflicts) {}

    public Result load() {
        Map<String, byte[]> files = readFiles();
        String sha = hash(files);
        String current = dsl.select(SEED_STATE.CONTENT_SHA256).from(SEED_STATE).fetchOne(SEED_STATE.CONTENT_SHA256);
        if (sha.equals(current)) {
            LOG.info("Seed unchanged ({}), nothing to load", sha.substring(0, 12));
            return new Result(false, sha, counts(), 0);
        }
        long t0 = System.nanoTime();
        int found = dsl.transactionResult(tx -> new SeedLoader(tx.dsl(), location).apply(files, sha));
        Map<String, Integer> counts = counts();
        LOG.info(
                "Seed {} loaded in {} ms: {}{}",
                sha.substring(0, 12),
                (System.nanoTime() - t0) / 1_000_000,
                counts,
                found == 0
                        ? ""
                        : "; " + found + " change(s) not applied over editors' work (seedConflicts lists them)");
        return new Result(true, sha, counts, found);
    }

    /** The manifest's expected row counts per table. */
    public Manifest manifest() {
        return parse(readFiles().get("manifest.yaml"), "manifest.yaml", Manifest.class);
    }

    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Table<?> t : TABLES) {
            counts.put(t.getName(), dsl.fetchCount(t));
        }
        return counts;
    }

    private int apply(Map<String, byte[]> files, String sha) {
        this.sha = sha;
        dsl.execute("lock table seed_state in exclusive mode"); // one loader at a time across instances
        audit.begin(Actor.SEED, "seed"); // every write below is recorded by the audit trigger as the seed's
        legacy = dsl.fetchExists(SEED_STATE) && !dsl.fetchExists(SEED_ROW);
        for (SourceSeed s :
                parse(files.get("sources.yaml"), "sources.yaml", Sources.class).sources()) {
            loadSource(s);
        }
        List<VendorSeed> vendors = new ArrayList<>();
        files.keySet().stream()
                .filter(n -> n.startsWith("vendors/"))
                .sorted()
                .forEach(n -> vendors.add(parse(files.get(n), n, VendorSeed.class)));
        vendors.forEach(this::loadVendor);
        vendors.forEach(this::loadVendorClaims);
        loadSanctions(parse(files.get("sanctions.yaml"), "sanctions.yaml", Sanctions.class));
        for (AllegationSeed a :
                SeedFiles.list(parse(files.get("allegations.yaml"), "allegations.yaml", Allegations.class)
                        .allegations())) {
            loadAllegation(a);
        }
        removeStale();
        dsl.insertInto(SEED_STATE)
                .set(SEED_STATE.ID, 1)
                .set(SEED_STATE.CONTENT_SHA256, sha)
                .onConflict(SEED_STATE.ID)
                .doUpdate()
                .set(SEED_STATE.CONTENT_SHA256, sha)
                .set(SEED_STATE.LOADED_AT, DSL.currentOffsetDateTime())
                .execute();
        return conflicts;
    }

    // ---------------------------------------------------------------------------------------------
    // records

    private void loadSource(SourceSeed s) {
        require(s.key(), "source key");
        FuzzyDate published = date(s.publishedOn(), "source " + s.key());
        Map<Field<?>, Object> v = new LinkedHashMap<>();
        v.put(SOURCE.URL, s.url());
        v.put(SOURCE.TITLE, s.title());
        v.put(SOURCE.PUBLISHER, s.publisher());
        v.put(SOURCE.PUBLISHED_ON, published == null ? null : published.date());
        v.put(SOURCE.PUBLISHED_PRECISION, published == null ? null : published.precisionName());
        v.put(SOURCE.KIND, s.kind());
        v.put(SOURCE.ACCESS, s.access());
        v.put(SOURCE.CITATION, s.citation());
        v.put(SOURCE.ARCHIVED_URL, s.archivedUrl());
        v.put(SOURCE.SEEN_VIA, array(s.seenVia()));
        v.put(SOURCE.RELATED_URLS, array(s.relatedUrls()));
        v.put(SOURCE.NOTE, s.note());
        sourceIds.put(s.key(), upsert(SOURCE, s.key(), v));
    }

    private void loadVendor(VendorSeed s) {
        require(s.key(), "vendor key");
        Map<Field<?>, Object> v = new LinkedHashMap<>();
        v.put(VENDOR.SLUG, s.slug());
        v.put(VENDOR.NAME, s.name());
        v.put(VENDOR.KIND, s.kind());
        v.put(VENDOR.STATUS, s.status() == null ? "UNKNOWN" : s.status());
        v.put(VENDOR.DESCRIPTION, s.description());
        v.put(VENDOR.FOUNDED_YEAR, s.founded() == null ? null : s.founded().year());
        v.put(
                VENDOR.FOUNDED_CONFIDENCE,
                s.founded() == null ? null : confidence(s.founded().confidence()));
        v.put(VENDOR.WEBSITE, s.website());
        long id = upsert(VENDOR, s.key(), v);
        if (id == GONE) {
            // merged into another record: the seed's claims about it now belong to the survivor
            Long survivor = dsl.select(VENDOR_MERGE.SURVIVOR_ID)
                    .from(VENDOR_MERGE)
                    .where(VENDOR_MERGE.MERGED_SEED_KEY.eq(s.key()))
                    .fetchOne(VENDOR_MERGE.SURVIVOR_ID);
            id = survivor == null ? GONE : survivor;
        }
        vendorIds.put(s.key(), id);
    }

    private void loadVendorClaims(VendorSeed s) {
        long vendorId = vendorIds.get(s.key());
        if (s.founded() != null) {
            cite(
                    CITATION.VENDOR_ID,
                    vendorId,
                    s.key() + "/founded",
                    s.founded().sources(),
                    s.founded().confidence(),
                    "founded");
        }
        for (NameSeed n : SeedFiles.list(s.names())) {
            String key = s.key() + "/name/" + n.kind() + "/" + n.name();
            FuzzyDate from = date(n.validFrom(), key);
            FuzzyDate to = date(n.validTo(), key);
            Map<Field<?>, Object> v = new LinkedHashMap<>();
            v.put(VENDOR_NAME.VENDOR_ID, vendorId);
            v.put(VENDOR_NAME.NAME, n.name());
            v.put(VENDOR_NAME.KIND, n.kind());
            v.put(VENDOR_NAME.LISTED_IN, n.listedIn());
            v.put(VENDOR_NAME.VALID_FROM, from == null ? null : from.date());
            v.put(VENDOR_NAME.VALID_FROM_PRECISION, from == null ? null : from.precisionName());
            v.put(VENDOR_NAME.VALID_TO, to == null ? null : to.date());
            v.put(VENDOR_NAME.VALID_TO_PRECISION, to == null ? null : to.precisionName());
            v.put(VENDOR_NAME.WEAK, Boolean.TRUE.equals(n.weak()));
            v.put(VENDOR_NAME.CONFIDENCE, confidence(n.confidence()));
            v.put(VENDOR_NAME.NOTE, n.note());
            long id = upsert(VENDOR_NAME, key, v);
            cite(CITATION.VENDOR_NAME_ID, id, key, n.sources(), n.confidence(), null);
        }
        for (var j : SeedFiles.list(s.jurisdictions())) {
            String key = s.key() + "/jurisdiction/" + j.country() + "/" + j.role();
            Map<Field<?>, Object> v = new LinkedHashMap<>();
            v.put(VENDOR_JURISDICTION.VENDOR_ID, vendorId);
            v.put(VENDOR_JURISDICTION.COUNTRY_CODE, j.country());
            v.put(VENDOR_JURISDICTION.ROLE, j.role());
            v.put(VENDOR_JURISDICTION.DETAIL, j.detail());
            v.put(VENDOR_JURISDICTION.CONFIDENCE, confidence(j.confidence()));
            long id = upsert(VENDOR_JURISDICTION, key, v);
            cite(CITATION.VENDOR_JURISDICTION_ID, id, key, j.sources(), j.confidence(), null);
        }
        for (var i : SeedFiles.list(s.identifiers())) {
            String key = s.key() + "/identifier/" + i.scheme() + "/" + i.value();
            Map<Field<?>, Object> v = new LinkedHashMap<>();
            v.put(VENDOR_IDENTIFIER.VENDOR_ID, vendorId);
            v.put(VENDOR_IDENTIFIER.SCHEME, i.scheme());
            v.put(VENDOR_IDENTIFIER.VALUE, i.value());
            v.put(VENDOR_IDENTIFIER.CONFIDENCE, confidence(i.confidence()));
            long id = upsert(VENDOR_IDENTIFIER, key, v);
            cite(CITATION.VENDOR_IDENTIFIER_ID, id, key, i.sources(), i.confidence(), null);
        }
        for (ProductSeed p : SeedFiles.list(s.products())) {
            require(p.key(), "product key of " + s.key());
            long productId = productIds.computeIfAbsent(p.key(), k -> {
                Map<Field<?>, Object> v = new LinkedHashMap<>();
                v.put(PRODUCT.SLUG, k.replace('_', '-'));
                v.put(PRODUCT.NAME, p.name());
                v.put(PRODUCT.KIND, p.kind());
                v.put(PRODUCT.DESCRIPTION, p.description());
                return upsert(PRODUCT, k, v);
            });
            String key = p.key() + "/vendor/" + s.key();
            Map<Field<?>, Object> v = new LinkedHashMap<>();
            v.put(PRODUCT_VENDOR.PRODUCT_ID, productId);
            v.put(PRODUCT_VENDOR.VENDOR_ID, vendorId);
            v.put(PRODUCT_VENDOR.CONFIDENCE, confidence(p.confidence()));
            long id = upsert(PRODUCT_VENDOR, key, v);
            cite(CITATION.PRODUCT_VENDOR_ID, id, key, p.sources(), p.confidence(), null);
        }
        for (var r : SeedFiles.list(s.relationships())) {
            String key = s.key() + "/relationship/" + r.type() + "/" + r.target();
            FuzzyDate from = date(r.validFrom(), key);
            FuzzyDate to = date(r.validTo(), key);
            Map<Field<?>, Object> v = new LinkedHashMap<>();
            v.put(VENDOR_RELATIONSHIP.SUBJECT_VENDOR_ID, vendorId);
            v.put(VENDOR_RELATIONSHIP.TYPE, r.type());
            v.put(VENDOR_RELATIONSHIP.OBJECT_VENDOR_ID, vendor(r.target(), key));
            v.put(VENDOR_RELATIONSHIP.DESCRIPTION, r.description());
            v.put(VENDOR_RELATIONSHIP.VALID_FROM, from == null ? null : from.date());
            v.put(VENDOR_RELATIONSHIP.VALID_FROM_PRECISION, from == null ? null : from.precisionName());
            v.put(VENDOR_RELATIONSHIP.VALID_TO, to == null ? null : to.date());
            v.put(VENDOR_RELATIONSHIP.VALID_TO_PRECISION, to == null ? null : to.precisionName());
            v.put(VENDOR_RELATIONSHIP.CONFIDENCE, confidence(r.confidence()));
            long id = upsert(VENDOR_RELATIONSHIP, key, v);
            cite(CITATION.VENDOR_RELATIONSHIP_ID, id, key, r.sources(), r.confidence(), null);
        }
        for (var st : SeedFiles.list(s.statements())) {
            require(st.key(), "statement key of " + s.key());
            FuzzyDate on = date(st.statedOn(), st.key());
            require(on, "stated_on of " + st.key());
            Map<Field<?>, Object> v = new LinkedHashMap<>();
            v.put(VENDOR_STATEMENT.VENDOR_ID, vendorId);
            v.put(VENDOR_STATEMENT.STATED_ON, on.date());
            v.put(VENDOR_STATEMENT.STATED_PRECISION, on.precisionName());
            v.put(VENDOR_STATEMENT.SPEAKER, st.speaker());
            v.put(VENDOR_STATEMENT.QUOTE, st.quote());
            v.put(VENDOR_STATEMENT.SUMMARY, st.summary());
            v.put(VENDOR_STATEMENT.CONFIDENCE, confidence(st.confidence()));
            v.put(VENDOR_STATEMENT.NOTES, array(st.notes()));
            long id = upsert(VENDOR_STATEMENT, st.key(), v);
            cite(CITATION.VENDOR_STATEMENT_ID, id, st.key(), st.sources(), st.confidence(), null);
        }
        for (var note : SeedFiles.list(s.notes())) {
            // a stable key of its own (not its position): a note inserted before it must not take its place
            String key = s.key() + "/note/" + listKey(note.key(), "a note of " + s.key());
            Map<Field<?>, Object> v = new LinkedHashMap<>();
            v.put(VENDOR_NOTE.VENDOR_ID, vendorId);
            v.put(VENDOR_NOTE.TEXT, note.text());
            v.put(VENDOR_NOTE.CONFIDENCE, confidence(note.confidence()));
            long id = upsert(VENDOR_NOTE, key, v);
            cite(CITATION.VENDOR_NOTE_ID, id, key, note.sources(), note.confidence(), null);
        }
    }

    private void loadSanctions(Sanctions s) {
        for (var a : SeedFiles.list(s.authorities())) {
            Map<Field<?>, Object> v = new LinkedHashMap<>();
            v.put(SANCTION_AUTHORITY.CODE, a.code());
            v.put(SANCTION_AUTHORITY.NAME, a.name());
            v.put(SANCTION_AUTHORITY.COUNTRY_CODE, a.country());
            upsert(SANCTION_AUTHORITY, a.code(), v);
        }
        for (var p : SeedFiles.list(s.programs())) {
            Map<Field<?>, Object> v = new LinkedHashMap<>();
            v.put(SANCTION_PROGRAM.CODE, p.code());
            v.put(SANCTION_PROGRAM.AUTHORITY_CODE, p.authority());
            v.put(SANCTION_PROGRAM.NAME, p.name());
            upsert(SANCTION_PROGRAM, p.code(), v);
        }
        List<EventSeed> events = SeedFiles.list(s.events());
        for (EventSeed e : events) {
            require(e.key(), "event key");
            Map<Field<?>, Object> v = new LinkedHashMap<>();
            v.put(SANCTION_EVENT.AUTHORITY_CODE, e.authority());
            v.put(SANCTION_EVENT.PROGRAM_CODE, e.program());
            v.put(SANCTION_EVENT.PROGRAM_DETAIL, e.programDetail());
            v.put(SANCTION_EVENT.ACTION_TYPE, e.actionType());
            v.put(SANCTION_EVENT.TITLE, e.title());
            putDate(v, SANCTION_EVENT.ANNOUNCED_ON, SANCTION_EVENT.ANNOUNCED_PRECISION, e.announcedOn(), e.key());
            putDate(v, SANCTION_EVENT.PUBLISHED_ON, SANCTION_EVENT.PUBLISHED_PRECISION, e.publishedOn(), e.key());
            putDate(v, SANCTION_EVENT.EFFECTIVE_ON, SANCTION_EVENT.EFFECTIVE_PRECISION, e.effectiveOn(), e.key());
            putDate(v, SANCTION_EVENT.LIFTED_ON, SANCTION_EVENT.LIFTED_PRECISION, e.liftedOn(), e.key());
            v.put(SANCTION_EVENT.CITATION, e.citation());
            v.put(SANCTION_EVENT.DOCUMENT_NUMBER, e.documentNumber());
            v.put(SANCTION_EVENT.PRESS_RELEASE, e.pressRelease());
            v.put(SANCTION_EVENT.URL, e.url());
            v.put(SANCTION_EVENT.LICENSE_REQUIREMENT, e.licenseRequirement());
            v.put(SANCTION_EVENT.LICENSE_EXCEPTIONS, e.licenseExceptions());
            v.put(SANCTION_EVENT.LICENSE_POLICY, e.licensePolicy());
            v.put(SANCTION_EVENT.SUMMARY, e.summary());
            v.put(SANCTION_EVENT.CONFIDENCE, confidence(e.confidence()));
            v.put(SANCTION_EVENT.CONFIDENCE_DETAIL, detail(e.confidenceDetail()));
            v.put(SANCTION_EVENT.NOTES, array(e.notes()));
            long id = upsert(SANCTION_EVENT, e.key(), v);
            eventIds.put(e.key(), id);
            cite(CITATION.SANCTION_EVENT_ID, id, e.key(), e.sources(), e.confidence(), null);
        }
        for (EventSeed e : events) {
            for (TargetSeed t : SeedFiles.list(e.targets())) {
                String key = e.key() + (t.vendor() != null ? "/vendor/" + t.vendor() : "/person/" + t.person());
                Map<Field<?>, Object> v = new LinkedHashMap<>();
                v.put(SANCTION_ACTION.EVENT_ID, eventIds.get(e.key()));
                v.put(SANCTION_ACTION.VENDOR_ID, t.vendor() == null ? null : vendor(t.vendor(), key));
                v.put(SANCTION_ACTION.PERSON_NAME, t.person());
                v.put(
                        SANCTION_ACTION.AFFILIATED_VENDOR_ID,
                        t.affiliatedVendor() == null ? null : vendor(t.affiliatedVendor(), key));
                v.put(SANCTION_ACTION.LISTED_NAME, t.listedName());
                v.put(SANCTION_ACTION.LISTED_ALIASES, array(t.listedAliases()));
                v.put(SANCTION_ACTION.LISTED_ADDRESS, t.listedAddress());
                v.put(SANCTION_ACTION.REASON, t.reason());
                putDate(v, SANCTION_ACTION.LIFTED_ON, SANCTION_ACTION.LIFTED_PRECISION, t.liftedOn(), key);
                v.put(
                        SANCTION_ACTION.LIFTED_BY_EVENT_ID,
                        t.liftedBy() == null ? null : lookup(eventIds, t.liftedBy(), "event", key));
                String conf = t.confidence() != null ? t.confidence() : e.confidence();
                v.put(SANCTION_ACTION.CONFIDENCE, confidence(conf));
                v.put(SANCTION_ACTION.NOTES, array(t.notes()));
                long id = upsert(SANCTION_ACTION, key, v);
                // a target without sources of its own rests on the event's sources (cited on the event)
                if (t.sources() != null && !t.sources().isEmpty()) {
                    cite(CITATION.SANCTION_ACTION_ID, id, key, t.sources(), conf, null);
                }
            }
        }
    }

    private void loadAllegation(AllegationSeed a) {
        require(a.key(), "allegation key");
        if (a.vendors() == null || a.vendors().isEmpty()) {
            throw new IllegalStateException("seed: allegation " + a.key() + " names no vendor");
        }
        FuzzyDate reported = date(a.firstReportedOn(), a.key());
        require(reported, "first_reported_on of " + a.key());
        Map<Field<?>, Object> v = new LinkedHashMap<>();
        v.put(ALLEGATION.VENDOR_ID, vendor(a.vendors().getFirst(), a.key()));
        v.put(ALLEGATION.TITLE, a.title());
        v.put(ALLEGATION.SUMMARY, a.summary());
        v.put(ALLEGATION.CATEGORY, a.category());
        v.put(ALLEGATION.STATUS, a.status());
        v.put(ALLEGATION.STATUS_REASON, a.statusReason());
        v.put(ALLEGATION.FIRST_REPORTED_ON, reported.date());
        v.put(ALLEGATION.FIRST_REPORTED_PRECISION, reported.precisionName());
        v.put(ALLEGATION.REPORTED_BY, a.reportedBy());
        v.put(ALLEGATION.CONFIDENCE, confidence(a.confidence()));
        v.put(ALLEGATION.CONFIDENCE_DETAIL, detail(a.confidenceDetail()));
        v.put(ALLEGATION.NOTES, array(a.notes()));
        long id = upsert(ALLEGATION, a.key(), v);
        cite(CITATION.ALLEGATION_ID, id, a.key(), a.sources(), a.confidence(), null);
        for (String vendorKey : a.vendors()) {
            Map<Field<?>, Object> link = new LinkedHashMap<>();
            link.put(ALLEGATION_VENDOR.ALLEGATION_ID, id);
            link.put(ALLEGATION_VENDOR.VENDOR_ID, vendor(vendorKey, a.key()));
            upsert(ALLEGATION_VENDOR, a.key() + "/vendor/" + vendorKey, link);
        }
        for (DevelopmentSeed d : SeedFiles.list(a.developments())) {
            String key = a.key() + "/development/" + listKey(d.key(), "a development of " + a.key());
            FuzzyDate on = date(d.occurredOn(), key);
            require(on, "occurred_on of " + key);
            Map<Field<?>, Object> dv = new LinkedHashMap<>();
            dv.put(ALLEGATION_DEVELOPMENT.ALLEGATION_ID, id);
            dv.put(ALLEGATION_DEVELOPMENT.OCCURRED_ON, on.date());
            dv.put(ALLEGATION_DEVELOPMENT.OCCURRED_PRECISION, on.precisionName());
            dv.put(ALLEGATION_DEVELOPMENT.DESCRIPTION, d.description());
            dv.put(ALLEGATION_DEVELOPMENT.CONFIDENCE, confidence(d.confidence()));
            dv.put(ALLEGATION_DEVELOPMENT.NOTES, array(d.notes()));
            long devId = upsert(ALLEGATION_DEVELOPMENT, key, dv);
            cite(CITATION.ALLEGATION_DEVELOPMENT_ID, devId, key, d.sources(), d.confidence(), null);
        }
    }

    /** Links a claim to each of its sources. A claim without sources is refused: every claim is sourced. */
    private void cite(
            Field<Long> claimColumn,
            long claimId,
            String claimKey,
            List<SourceRef> refs,
            String claimConfidence,
            String aspect) {
        if (refs == null || refs.isEmpty()) {
            throw new IllegalStateException("seed: " + claimKey + " cites no source; every claim needs at least one");
        }
        for (SourceRef ref : refs) {
            Map<Field<?>, Object> v = new LinkedHashMap<>();
            v.put(CITATION.SOURCE_ID, lookup(sourceIds, ref.source(), "source", claimKey));
            v.put(claimColumn, claimId);
            v.put(CITATION.ASPECT, aspect);
            v.put(CITATION.QUOTE, ref.quote());
            v.put(CITATION.LOCATOR, ref.locator());
            v.put(CITATION.CONFIDENCE, confidence(ref.confidence() != null ? ref.confidence() : claimConfidence));
            upsert(CITATION, claimKey + "#" + ref.source(), v);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // plumbing

    /** The key of a note or development: required, letters, digits and dashes. */
    private static String listKey(String key, String what) {
        if (key == null || !key.matches("[a-z0-9][a-z0-9-]{0,59}")) {
            throw new IllegalStateException(
                    "seed: " + what + " needs a key (lowercase letters, digits, dashes), got " + key);
        }
        return key;
    }

    /**
     * Places one seed record, merged three ways (see the class comment), and returns its row id: 0
     * for a new row of a table keyed by code, {@link #GONE} when the database no longer holds the
     * record because an editor removed it (or a record it belongs to).
     */
    @SuppressWarnings("unchecked")
    private long upsert(Table<?> table, String seedKey, Map<Field<?>, Object> values) {
        if (!seen.computeIfAbsent(table, t -> new LinkedHashSet<>()).add(seedKey)) {
            throw new IllegalStateException("seed: duplicate " + table.getName() + " record " + seedKey);
        }
        Field<Long> id = (Field<Long>) table.field("id");
        ObjectNode desired = desired(values);
        Record current = dsl.select(DSL.field(DSL.name("t", "id"), Long.class), row("t"))
                .from(table.as("t"))
                .where(DSL.field(DSL.name("t", "seed_key"), String.class).eq(seedKey))
                .fetchOne();
        ObjectNode base = base(
                table,
                seedKey,
                current == null ? null : current.get(0, Long.class),
                current == null ? null : json(current.get(1, JSONB.class)),
                desired);
        boolean parentGone = values.values().stream().anyMatch(v -> v instanceof Long l && l == GONE);
        if (current == null) {
            if (base == null && !parentGone) {
                Map<Field<?>, Object> insert = new LinkedHashMap<>(values);
                insert.put(seedKey(table), seedKey);
                Long newId = attempt(
                        () -> dsl.insertInto(table).set(insert).returning(id).fetchSingle(id));
                if (newId == null) {
                    // the editors' data already holds it (or now contradicts it): theirs stands, reported once
                    conflict(table, seedKey, null, "BLOCKED_BY_EDITS", names(desired), desired, null);
                    saveBase(table, seedKey, null, desired);
                    return GONE;
                }
                saveBase(table, seedKey, newId, desired);
                return newId;
            }
            // an editor withdrew or merged it (or the record it belongs to): never re-created. Reported when
            // the seed changed it meanwhile (a link to a record that is gone, or to the survivor of a merge of
            // the record it named, is no change of its own).
            // (a new child of such a record is reported with its parent)
            List<String> changedBySeed = base == null
                    ? (parentGone ? List.of() : names(desired))
                    : changed(base, desired).stream()
                            .filter(k -> !(desired.get(k).isNumber()
                                    && desired.get(k).asLong() == GONE))
                            .filter(k -> !mergedInto(k, base.get(k), desired.get(k)))
                            .toList();
            if (!changedBySeed.isEmpty()) {
                conflict(table, seedKey, null, "REMOVED_BY_EDITOR", changedBySeed, desired, null);
            }
            saveBase(table, seedKey, null, desired);
            return GONE;
        }
        long rowId = current.get(0, Long.class);
        ObjectNode stored = pick(json(current.get(1, JSONB.class)), desired);
        List<String> seedChanges = changed(base, desired);
        // a field the editors changed too stays theirs, with its companion (a date and its precision go together)
        Set<String> editorsChanged = new LinkedHashSet<>();
        seedChanges.stream()
                .filter(k ->
                        !stored.get(k).equals(base.get(k)) && !stored.get(k).equals(desired.get(k)))
                .forEach(k -> {
                    editorsChanged.add(k);
                    companions(k).stream().filter(desired::has).forEach(editorsChanged::add);
                });
        Map<Field<?>, Object> update = new LinkedHashMap<>();
        values.forEach((f, v) -> {
            String k = f.getName();
            if (seedChanges.contains(k)
                    && !editorsChanged.contains(k)
                    && !stored.get(k).equals(desired.get(k))) {
                update.put(f, v);
            }
        });
        ObjectNode applied = desired.deepCopy();
        if (!update.isEmpty()) {
            Field<Integer> revision = (Field<Integer>) table.field("revision");
            Field<Object> updatedAt = (Field<Object>) table.field("updated_at");
            boolean written = attempt(() -> {
                        var step = dsl.update(table).set(update);
                        if (revision != null) {
                            step = step.set(revision, revision.plus(1)).set(updatedAt, DSL.currentOffsetDateTime());
                        }
                        return step.where(id.eq(rowId)).execute();
                    })
                    != null;
            if (!written) {
                // the seed's new values collide with the editors' data: none applied, all reported
                update.keySet().forEach(f -> editorsChanged.add(f.getName()));
            }
        }
        if (!editorsChanged.isEmpty()) {
            List<String> fields = List.copyOf(editorsChanged);
            conflict(table, seedKey, rowId, "EDITED", fields, pick(desired, fields), pick(stored, fields));
            // what the seed gave before stays the base of those fields, so a later seed still sees them as its
            // changes; settling the conflict moves the base on (CurationCommands)
            fields.forEach(k -> applied.set(k, base.has(k) ? base.get(k) : JSON.nullNode()));
        }
        saveBase(table, seedKey, rowId, applied);
        return rowId;
    }

    /** A row as JSON for comparing with the seed: every column but the seed key (internal ones the seed sets included). */
    private static Field<JSONB> row(String alias) {
        return DSL.field("to_jsonb({0}) - 'seed_key'", JSONB.class, DSL.name(alias));
    }

    /** The other half of a date and its precision: valid_from and valid_from_precision, published_on and published_precision. */
    static List<String> companions(String field) {
        if (field.endsWith("_precision")) {
            String stem = field.substring(0, field.length() - "_precision".length());
            return List.of(stem, stem + "_on");
        }
        String stem = field.endsWith("_on") ? field.substring(0, field.length() - 3) : field;
        return List.of(stem + "_precision", field + "_precision");
    }

    /** True when a vendor reference changed only because the vendor it named was merged into the new one. */
    private boolean mergedInto(
            String field, tools.jackson.databind.JsonNode before, tools.jackson.databind.JsonNode after) {
        return field.endsWith("vendor_id")
                && before != null
                && before.isNumber()
                && after.isNumber()
                && dsl.fetchExists(
                        VENDOR_MERGE,
                        VENDOR_MERGE.MERGED_ID.eq(before.asLong()).and(VENDOR_MERGE.SURVIVOR_ID.eq(after.asLong())));
    }

    /**
     * Runs a write in a savepoint; null when a unique or check constraint refuses it (the savepoint is
     * rolled back and the load goes on), any other failure is the seed's own fault and ends the load.
     */
    private <T> T attempt(java.util.function.Supplier<T> write) {
        try {
            return dsl.transactionResult(nested -> write.get());
        } catch (RuntimeException e) { // jOOQ's exception, or Spring's translation of it in the service
            if (org.vendorwatch.platform.db.Sql.refusedByConstraint(e)) {
                LOG.debug(
                        "Seed write refused by the database ({}): {}",
                        org.vendorwatch.platform.db.Sql.state(e),
                        e.getMessage());
                return null;
            }
            throw e;
        }
    }

    /** The seed's values as the database renders them in JSON (to_jsonb), so they compare with stored rows. */
    private static ObjectNode desired(Map<Field<?>, Object> values) {
        ObjectNode out = JSON.createObjectNode();
        values.forEach((f, v) -> {
            if (v == null) {
                out.putNull(f.getName());
            } else if (v instanceof JSONB j) {
                out.set(f.getName(), JSON.readTree(j.data()));
            } else if (v instanceof String[] a) {
                var array = out.putArray(f.getName());
                Arrays.stream(a).forEach(array::add);
            } else if (v instanceof LocalDate d) {
                out.put(f.getName(), d.toString());
            } else {
                out.set(f.getName(), JSON.valueToTree(v));
            }
        });
        return (ObjectNode) JSON.readTree(JSON.writeValueAsString(out)); // numbers as the parser reads them
    }

    private static ObjectNode json(JSONB row) {
        return (ObjectNode) JSON.readTree(row.data());
    }

    /** The fields of {@code row} named in {@code keys} (missing ones as null). */
    private static ObjectNode pick(ObjectNode row, ObjectNode keys) {
        return pick(row, names(keys));
    }

    private static ObjectNode pick(ObjectNode row, List<String> keys) {
        ObjectNode out = JSON.createObjectNode();
        keys.forEach(k -> out.set(k, row.has(k) ? row.get(k) : JSON.nullNode()));
        return out;
    }

    private static List<String> names(ObjectNode node) {
        List<String> out = new ArrayList<>();
        node.propertyNames().forEach(out::add);
        return out;
    }

    /** The fields whose values differ. */
    private static List<String> changed(ObjectNode before, ObjectNode after) {
        return names(after).stream()
                .filter(k -> !after.get(k).equals(before.has(k) ? before.get(k) : JSON.nullNode()))
                .toList();
    }

    /**
     * What the seed last gave the record, restricted to the fields of {@code desired} (all of them when
     * null): its seed_row entry; for a database seeded before seed_row existed, the seed's last
     * audited version of the row, else the row as it is.
     */
    private ObjectNode base(Table<?> table, String seedKey, Long rowId, ObjectNode current, ObjectNode desired) {
        JSONB applied = dsl.select(SEED_ROW.APPLIED)
                .from(SEED_ROW)
                .where(SEED_ROW.TABLE_NAME.eq(table.getName()))
                .and(SEED_ROW.SEED_KEY.eq(seedKey))
                .fetchOne(SEED_ROW.APPLIED);
        if (applied != null) {
            return desired == null ? json(applied) : pick(json(applied), desired);
        }
        if (!legacy) {
            return null; // a record the seed never gave before
        }
        // a database seeded before seed_row existed: the events of the old loader held the whole row, seed key
        // included, so the seed's last version of the record (even one an editor removed since) is there
        var typed = AUDIT_EVENT.RECORD_TYPE.eq(RecordType.of(table).typeName());
        Condition ofKey = rowId != null
                ? AUDIT_EVENT.RECORD_ID.eq(rowId)
                : DSL.condition(
                        "coalesce({0}, {1}) ->> 'seed_key' = {2}",
                        AUDIT_EVENT.AFTER, AUDIT_EVENT.BEFORE, DSL.val(seedKey));
        JSONB lastSeeded = dsl.select(AUDIT_EVENT.AFTER)
                .from(AUDIT_EVENT)
                .where(typed)
                .and(ofKey)
                .and(AUDIT_EVENT.ACTOR_SUBJECT.eq(Actor.SEED.subject()))
                .and(AUDIT_EVENT.AFTER.isNotNull())
                .orderBy(AUDIT_EVENT.ID.desc())
                .limit(1)
                .fetchOne(AUDIT_EVENT.AFTER);
        if (lastSeeded == null && rowId == null) {
            return null;
        }
        if (lastSeeded == null) {
            // written by the first loader, which recorded no events: what it wrote is the row before the
            // editors' first change, if any (else the row as it is)
            lastSeeded = dsl.select(AUDIT_EVENT.BEFORE)
                    .from(AUDIT_EVENT)
                    .where(typed)
                    .and(ofKey)
                    .and(AUDIT_EVENT.ACTOR_SUBJECT.ne(Actor.SEED.subject()))
                    .and(AUDIT_EVENT.BEFORE.isNotNull())
                    .orderBy(AUDIT_EVENT.ID)
                    .limit(1)
                    .fetchOne(AUDIT_EVENT.BEFORE);
        }
        ObjectNode seeded = lastSeeded != null ? json(lastSeeded) : current;
        return desired == null ? withoutBookkeeping(seeded) : pick(seeded, desired);
    }

    /** A row without its id and bookkeeping columns (and the columns the database derives): what the seed gave it. */
    private static ObjectNode withoutBookkeeping(ObjectNode row) {
        ObjectNode out = row.deepCopy();
        List.of("id", "revision", "created_at", "updated_at", "seed_key", "folded", "sort_name", "sort_on")
                .forEach(out::remove);
        return out;
    }

    private void saveBase(Table<?> table, String seedKey, Long rowId, ObjectNode desired) {
        JSONB applied = JSONB.valueOf(JSON.writeValueAsString(desired));
        dsl.insertInto(SEED_ROW)
                .set(SEED_ROW.TABLE_NAME, table.getName())
                .set(SEED_ROW.SEED_KEY, seedKey)
                .set(SEED_ROW.RECORD_ID, rowId)
                .set(SEED_ROW.APPLIED, applied)
                .onConflict(SEED_ROW.TABLE_NAME, SEED_ROW.SEED_KEY)
                .doUpdate()
                .set(SEED_ROW.RECORD_ID, rowId)
                .set(SEED_ROW.APPLIED, applied)
                .execute();
    }

    /** Records a seed change not applied (superseding any open conflict of the same record) and logs it. */
    private void conflict(
            Table<?> table,
            String seedKey,
            Long rowId,
            String kind,
            List<String> fields,
            ObjectNode seedValues,
            ObjectNode currentValues) {
        dsl.update(SEED_CONFLICT)
                .set(SEED_CONFLICT.RESOLVED_AT, DSL.currentOffsetDateTime())
                .set(SEED_CONFLICT.RESOLUTION, "SUPERSEDED")
                .where(SEED_CONFLICT.TABLE_NAME.eq(table.getName()))
                .and(SEED_CONFLICT.SEED_KEY.eq(seedKey))
                .and(SEED_CONFLICT.RESOLVED_AT.isNull())
                .execute();
        dsl.insertInto(SEED_CONFLICT)
                .set(SEED_CONFLICT.SEED_SHA256, sha)
                .set(SEED_CONFLICT.TABLE_NAME, table.getName())
                .set(SEED_CONFLICT.SEED_KEY, seedKey)
                .set(SEED_CONFLICT.RECORD_TYPE, RecordType.of(table).typeName())
                .set(SEED_CONFLICT.RECORD_ID, rowId)
                .set(SEED_CONFLICT.KIND, kind)
                .set(SEED_CONFLICT.FIELDS, fields.toArray(String[]::new))
                .set(
                        SEED_CONFLICT.SEED_VALUES,
                        seedValues == null ? null : JSONB.valueOf(JSON.writeValueAsString(seedValues)))
                .set(
                        SEED_CONFLICT.CURRENT_VALUES,
                        currentValues == null ? null : JSONB.valueOf(JSON.writeValueAsString(currentValues)))
                .execute();
        conflicts++;
        LOG.warn(
                "Seed conflict ({}): {} {} {}; the editors' version stays. List open conflicts with the seedConflicts query.",
                kind,
                table.getName(),
                seedKey,
                fields);
    }

    /**
     * Records that left the seed files: deleted when no editor ever touched them and the deletion takes
     * nothing of the editors' with it (parents first: the deletion cascades to their children, which
     * must all be stale seed records no editor touched), otherwise kept, handed over to the editors (no
     * longer seed-managed) and reported.
     */
    private void removeStale() {
        // parents first, so a deletion cascades to stale children; a row another stale row still needs
        // (restrict: a source its stale citations cite) waits for a later pass
        List<Map.Entry<Table<?>, String>> waiting = new ArrayList<>();
        for (Table<?> t : TABLES.reversed()) {
            for (String k : staleKeys(t)) {
                if (!settle(t, k, false)) {
                    waiting.add(Map.entry(t, k));
                }
            }
        }
        boolean progress = true;
        while (!waiting.isEmpty() && progress) {
            int before = waiting.size();
            waiting.removeIf(e -> settle(e.getKey(), e.getValue(), false));
            progress = waiting.size() < before;
        }
        waiting.forEach(e -> settle(e.getKey(), e.getValue(), true));
    }

    /** The seed keys of a table that this seed no longer has (rows, and records removed since but remembered). */
    private List<String> staleKeys(Table<?> t) {
        Field<String> key = seedKey(t);
        String[] keep = seen.getOrDefault(t, Set.of()).toArray(String[]::new);
        List<String> stale = new ArrayList<>(dsl.select(key)
                .from(t)
                .where(key.isNotNull())
                .and(key.ne(DSL.all(keep)))
                .fetch(key));
        dsl.select(SEED_ROW.SEED_KEY)
                .from(SEED_ROW)
                .where(SEED_ROW.TABLE_NAME.eq(t.getName()))
                .and(SEED_ROW.SEED_KEY.ne(DSL.all(keep)))
                .fetch(SEED_ROW.SEED_KEY)
                .forEach(k -> {
                    if (!stale.contains(k)) {
                        stale.add(k);
                    }
                });
        return stale;
    }

    /**
     * Deletes or keeps one stale record; false (nothing done) when another stale row still needs it and
     * this is not the last pass.
     */
    private boolean settle(Table<?> t, String k, boolean lastPass) {
        Field<String> key = seedKey(t);
        Record row = dsl.select(DSL.field(DSL.name("t", "id"), Long.class), row("t"))
                .from(t.as("t"))
                .where(DSL.field(DSL.name("t", "seed_key"), String.class).eq(k))
                .fetchOne();
        if (row != null) {
            long rowId = row.get(0, Long.class);
            ObjectNode current = json(row.get(1, JSONB.class));
            ObjectNode base = base(t, k, rowId, current, null);
            boolean touched = base != null && !pick(current, base).equals(base) || touchedByEditors(t, rowId);
            Removal removal =
                    touched || (t == CITATION && claimHandedOver(rowId)) ? Removal.KEPT : deleteAlone(t, rowId);
            if (removal == Removal.NEEDED && !lastPass) {
                return false;
            }
            if (removal == Removal.DELETED) {
                LOG.info("Seed: removed {} {}, no longer in the seed", t.getName(), k);
            } else {
                // kept, and no longer the seed's: the editors own it from now on
                dsl.update(t)
                        .set(key, (String) null)
                        .where(idField(t).eq(rowId))
                        .execute();
                if (touched || t != CITATION) {
                    // (a citation kept because its claim was kept is reported with the claim)
                    conflict(
                            t,
                            k,
                            rowId,
                            "KEPT_AFTER_SEED_REMOVAL",
                            List.of(),
                            null,
                            base == null ? current : pick(current, base));
                }
            }
        }
        dsl.deleteFrom(SEED_ROW)
                .where(SEED_ROW.TABLE_NAME.eq(t.getName()))
                .and(SEED_ROW.SEED_KEY.eq(k))
                .execute();
        return true;
    }

    /** True when the citation's claim is no longer the seed's (kept for the editors): its sources stay with it. */
    private boolean claimHandedOver(long citationId) {
        Record c = dsl.selectFrom(CITATION).where(CITATION.ID.eq(citationId)).fetchOne();
        for (RecordType type : RecordType.values()) {
            var column = type.citationColumn();
            if (column != null && c != null && c.get(column) != null) {
                Table<?> claims = type.table();
                return dsl.fetchExists(
                        claims,
                        idField(claims).eq(c.get(column)).and(seedKey(claims).isNull()));
            }
        }
        return false;
    }

    /** What became of a stale row: deleted, kept for the editors, or still needed by another row (restrict). */
    private enum Removal {
        DELETED,
        KEPT,
        NEEDED
    }

    /** True when an editor ever wrote the record, a record attached to it, or a citation of it. */
    private boolean touchedByEditors(Table<?> table, long rowId) {
        RecordType type = RecordType.of(table);
        var byEditor = AUDIT_EVENT.ACTOR_SUBJECT.ne(Actor.SEED.subject());
        var self = AUDIT_EVENT.RECORD_TYPE.eq(type.typeName()).and(AUDIT_EVENT.RECORD_ID.eq(rowId));
        if (table == VENDOR) {
            self = self.or(AUDIT_EVENT.VENDOR_ID.eq(rowId));
        }
        boolean editorCitation = type.citationColumn() != null
                && dsl.fetchExists(CITATION, type.citationColumn().eq(rowId).and(CITATION.SEED_KEY.isNull()));
        return editorCitation || dsl.fetchExists(AUDIT_EVENT, byEditor.and(self));
    }

    /**
     * Deletes the row if that takes nothing of the editors' with it. A row
     * other records still need (a vendor an editor's sanction action targets, a claim's last citation)
     * stays; so does one whose deletion would cascade to any row that is not itself a stale seed record
     * no editor touched (an editor's development of the allegation, a relationship an editor added to
     * the vendor). The deletion is tried in a savepoint first; the audit trigger's events name every
     * row it reached.
     */
    private Removal deleteAlone(Table<?> table, long rowId) {
        Field<Long> id = idField(table);
        if (table == CITATION) {
            Record c = dsl.selectFrom(CITATION).where(CITATION.ID.eq(rowId)).fetchOne();
            for (RecordType type : RecordType.values()) {
                var column = type.citationColumn();
                if (column != null
                        && c.get(column) != null
                        && dsl.fetchCount(CITATION, column.eq(c.get(column))) <= 1) {
                    return Removal.NEEDED; // the claim's last citation: gone with its claim, or kept with it
                }
            }
            dsl.deleteFrom(table).where(id.eq(rowId)).execute();
            return Removal.DELETED;
        }
        long mark = dsl.select(DSL.coalesce(DSL.max(AUDIT_EVENT.ID), 0L))
                .from(AUDIT_EVENT)
                .fetchSingle()
                .value1();
        String typeName = RecordType.of(table).typeName();
        List<Record> reached = new ArrayList<>();
        try {
            dsl.transaction(nested -> {
                nested.dsl().deleteFrom(table).where(id.eq(rowId)).execute();
                reached.addAll(nested.dsl()
                        .select(AUDIT_EVENT.RECORD_TYPE, AUDIT_EVENT.RECORD_ID)
                        .from(AUDIT_EVENT)
                        .where(AUDIT_EVENT.ID.gt(mark))
                        .and(DSL.condition("{0} = pg_current_xact_id()", AUDIT_EVENT.TRANSACTION_ID))
                        .and(AUDIT_EVENT.RECORD_TYPE.ne(typeName).or(AUDIT_EVENT.RECORD_ID.ne(rowId)))
                        .fetch());
                throw new RollbackProbe();
            });
        } catch (RollbackProbe probe) {
            // undone: now judge what it reached
        } catch (RuntimeException e) {
            if (!"23503".equals(org.vendorwatch.platform.db.Sql.state(e))) {
                throw e;
            }
            return Removal.NEEDED; // a foreign key still needs it
        }
        for (Record r : reached) {
            Table<?> t = RecordType.byTypeName(r.get(AUDIT_EVENT.RECORD_TYPE))
                    .map(RecordType::table)
                    .orElse(null);
            long other = r.get(AUDIT_EVENT.RECORD_ID);
            String key = t == null
                    ? null
                    : dsl.select(seedKey(t)).from(t).where(idField(t).eq(other)).fetchOne(seedKey(t));
            if (key == null || seen.getOrDefault(t, Set.of()).contains(key) || touchedByEditors(t, other)) {
                return Removal.KEPT;
            }
        }
        dsl.deleteFrom(table).where(id.eq(rowId)).execute();
        return Removal.DELETED;
    }

    /** Undoes a trial delete (see {@link #deleteAlone}). */
    private static final class RollbackProbe extends RuntimeException {
        RollbackProbe() {
            super(null, null, false, false);
        }
    }

    @SuppressWarnings("unchecked")
    private static Field<Long> idField(Table<?> t) {
        return (Field<Long>) t.field("id");
    }

    @SuppressWarnings("unchecked")
    private static Field<String> seedKey(Table<?> t) {
        return (Field<String>) t.field("seed_key");
    }

    private long vendor(String key, String where) {
        return lookup(vendorIds, key, "vendor", where);
    }

    private static long lookup(Map<String, Long> ids, String key, String what, String where) {
        Long id = ids.get(key);
        if (id == null) {
            throw new IllegalStateException("seed: " + where + " refers to unknown " + what + " '" + key + "'");
        }
        return id;
    }

    private static FuzzyDate date(String text, String where) {
        try {
            return FuzzyDate.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("seed: " + where + ": " + e.getMessage(), e);
        }
    }

    private static void putDate(
            Map<Field<?>, Object> v, Field<LocalDate> day, Field<String> precision, String text, String where) {
        FuzzyDate d = date(text, where);
        v.put(day, d == null ? null : d.date());
        v.put(precision, d == null ? null : d.precisionName());
    }

    private static String confidence(String c) {
        if (c == null) {
            throw new IllegalStateException("seed: a claim has no confidence");
        }
        return c.toUpperCase(Locale.ROOT);
    }

    private static JSONB detail(Map<String, String> detail) {
        if (detail == null || detail.isEmpty()) {
            return JSONB.valueOf("{}");
        }
        StringBuilder sb = new StringBuilder("{");
        new TreeMap<>(detail).forEach((k, v) -> {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"')
                    .append(k.replace("\"", ""))
                    .append("\":\"")
                    .append(confidence(v))
                    .append('"');
        });
        return JSONB.valueOf(sb.append('}').toString());
    }

    private static String[] array(List<String> l) {
        return l == null ? new String[0] : l.toArray(String[]::new);
    }

    private static void require(Object value, String what) {
        if (value == null) {
            throw new IllegalStateException("seed: missing " + what);
        }
    }

    private <T> T parse(byte[] content, String name, Class<T> type) {
        if (content == null) {
            throw new IllegalStateException("seed: missing file " + name + " in " + location);
        }
        try {
            return yaml.readValue(content, type);
        } catch (RuntimeException e) {
            throw new IllegalStateException("seed: cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    private Map<String, byte[]> readFiles() {
        try {
            var resolver = new PathMatchingResourcePatternResolver();
            String base = resolver.getResource(location).getURL().toString();
            base = base.endsWith("/") ? base : base + "/";
            // the research the seed transcribes (research/) is documentation, not seed data
            Resource[] resources = java.util.Arrays.stream(resolver.getResources(location + "**/*.yaml"))
                    .filter(r -> !String.valueOf(r.getDescription()).contains("/research/"))
                    .toArray(Resource[]::new);
            Map<String, byte[]> files = new TreeMap<>();
            Arrays.sort(resources, Comparator.comparing(r -> String.valueOf(r.getDescription())));
            for (Resource r : resources) {
                String path = r.getURL().toString();
                String name = path.startsWith(base) ? path.substring(base.length()) : r.getFilename();
                try (InputStream in = r.getInputStream()) {
                    files.put(name, in.readAllBytes());
                }
            }
            if (!files.containsKey("sources.yaml")) {
                throw new IllegalStateException("seed: no seed files found at " + location);
            }
            return files;
        } catch (IOException e) {
            throw new IllegalStateException("seed: cannot read " + location + ": " + e.getMessage(), e);
        }
    }

    private static String hash(Map<String, byte[]> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(LOADER_VERSION.getBytes(StandardCharsets.UTF_8));
            for (var e : files.entrySet()) {
                sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(e.getValue());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
