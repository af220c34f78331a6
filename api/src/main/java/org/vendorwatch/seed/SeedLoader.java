package org.vendorwatch.seed;

import static org.vendorwatch.db.Tables.ALLEGATION;
import static org.vendorwatch.db.Tables.ALLEGATION_DEVELOPMENT;
import static org.vendorwatch.db.Tables.ALLEGATION_VENDOR;
import static org.vendorwatch.db.Tables.CITATION;
import static org.vendorwatch.db.Tables.PRODUCT;
import static org.vendorwatch.db.Tables.PRODUCT_VENDOR;
import static org.vendorwatch.db.Tables.SANCTION_ACTION;
import static org.vendorwatch.db.Tables.SANCTION_AUTHORITY;
import static org.vendorwatch.db.Tables.SANCTION_EVENT;
import static org.vendorwatch.db.Tables.SANCTION_PROGRAM;
import static org.vendorwatch.db.Tables.SEED_STATE;
import static org.vendorwatch.db.Tables.SOURCE;
import static org.vendorwatch.db.Tables.VENDOR;
import static org.vendorwatch.db.Tables.VENDOR_IDENTIFIER;
import static org.vendorwatch.db.Tables.VENDOR_JURISDICTION;
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
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Loads the curated seed (seed/*.yaml, see seed/FORMAT.md) into the database in one transaction.
 * Every row is upserted by a stable seed key; rows whose content is unchanged are not touched, and
 * seeded rows whose record left the files are deleted. A hash of the files is kept in seed_state:
 * when it matches, nothing is read or written at all.
 */
public class SeedLoader {

    private static final Logger LOG = LoggerFactory.getLogger(SeedLoader.class);
    /** Bump when the mapping from files to rows changes, so existing databases reload. */
    private static final String LOADER_VERSION = "1";

    /** Tables in delete order (children first). */
    private static final List<Table<?>> TABLES = List.of(CITATION, ALLEGATION_DEVELOPMENT, ALLEGATION_VENDOR,
            ALLEGATION, SANCTION_ACTION, SANCTION_EVENT, SANCTION_PROGRAM, SANCTION_AUTHORITY, VENDOR_STATEMENT,
            VENDOR_NOTE, PRODUCT_VENDOR, PRODUCT, VENDOR_RELATIONSHIP, VENDOR_IDENTIFIER, VENDOR_JURISDICTION,
            VENDOR_NAME, VENDOR, SOURCE);

    private final DSLContext dsl;
    private final org.vendorwatch.platform.editing.Audit audit;
    private final String location;
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();
    private final ObjectMapper yaml = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /** Seed keys written in this run, per table. */
    private final Map<Table<?>, Set<String>> seen = new HashMap<>();
    private final Map<String, Long> sourceIds = new HashMap<>();
    private final Map<Table<?>, Boolean> tablesWithSeedRows = new HashMap<>();
    /** Audit events of this load, written in one batch at the end of the transaction. */
    private final List<org.jooq.Query> auditBatch = new ArrayList<>();
    private final Map<String, Long> vendorIds = new HashMap<>();
    private final Map<String, Long> eventIds = new HashMap<>();
    private final Map<String, Long> productIds = new HashMap<>();

    public SeedLoader(DSLContext dsl, String location) {
        this.dsl = dsl;
        this.audit = new org.vendorwatch.platform.editing.Audit(dsl);
        this.location = location.endsWith("/") ? location : location + "/";
    }

    /** Result of a load: whether anything was (re)loaded, and the row counts per table. */
    public record Result(boolean loaded, String sha256, Map<String, Integer> counts) {
    }

    public Result load() {
        Map<String, byte[]> files = readFiles();
        String sha = hash(files);
        String current = dsl.select(SEED_STATE.CONTENT_SHA256).from(SEED_STATE).fetchOne(SEED_STATE.CONTENT_SHA256);
        if (sha.equals(current)) {
            LOG.info("Seed unchanged ({}), nothing to load", sha.substring(0, 12));
            return new Result(false, sha, counts());
        }
        long t0 = System.nanoTime();
        dsl.transaction(tx -> new SeedLoader(tx.dsl(), location).apply(files, sha));
        Map<String, Integer> counts = counts();
        LOG.info("Seed {} loaded in {} ms: {}", sha.substring(0, 12), (System.nanoTime() - t0) / 1_000_000, counts);
        return new Result(true, sha, counts);
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

    private void apply(Map<String, byte[]> files, String sha) {
        dsl.execute("lock table seed_state in exclusive mode"); // one loader at a time across instances
        for (SourceSeed s : parse(files.get("sources.yaml"), "sources.yaml", Sources.class).sources()) {
            loadSource(s);
        }
        List<VendorSeed> vendors = new ArrayList<>();
        files.keySet().stream().filter(n -> n.startsWith("vendors/")).sorted()
                .forEach(n -> vendors.add(parse(files.get(n), n, VendorSeed.class)));
        vendors.forEach(this::loadVendor);
        vendors.forEach(this::loadVendorClaims);
        loadSanctions(parse(files.get("sanctions.yaml"), "sanctions.yaml", Sanctions.class));
        for (AllegationSeed a : SeedFiles.list(parse(files.get("allegations.yaml"), "allegations.yaml", Allegations.class).allegations())) {
            loadAllegation(a);
        }
        for (Table<?> t : TABLES) {
            Field<String> key = seedKey(t);
            Set<String> keep = seen.getOrDefault(t, Set.of());
            var stale = key.isNotNull().and(key.ne(DSL.all(keep.toArray(String[]::new))));
            Field<Long> id = idField(t);
            if (id != null) {
                for (Long gone : dsl.select(id).from(t).where(stale).fetch(id)) {
                    recordSeedChange(t, gone, audit.snapshot(t, gone), null);
                }
            }
            int deleted = dsl.deleteFrom(t).where(stale).execute();
            if (deleted > 0) {
                LOG.info("Seed: removed {} {} rows no longer in the seed", deleted, t.getName());
            }
        }
        for (int i = 0; i < auditBatch.size(); i += 500) {
            dsl.batch(auditBatch.subList(i, Math.min(auditBatch.size(), i + 500))).execute();
        }
        dsl.insertInto(SEED_STATE).set(SEED_STATE.ID, 1).set(SEED_STATE.CONTENT_SHA256, sha)
                .onConflict(SEED_STATE.ID).doUpdate()
                .set(SEED_STATE.CONTENT_SHA256, sha).set(SEED_STATE.LOADED_AT, DSL.currentOffsetDateTime())
                .execute();
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
        v.put(VENDOR.FOUNDED_CONFIDENCE, s.founded() == null ? null : confidence(s.founded().confidence()));
        v.put(VENDOR.WEBSITE, s.website());
        vendorIds.put(s.key(), upsert(VENDOR, s.key(), v));
    }

    private void loadVendorClaims(VendorSeed s) {
        long vendorId = vendorIds.get(s.key());
        if (s.founded() != null) {
            cite(CITATION.VENDOR_ID, vendorId, s.key() + "/founded", s.founded().sources(), s.founded().confidence(), "founded");
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
        int n = 0;
        for (var note : SeedFiles.list(s.notes())) {
            String key = s.key() + "/note/" + (++n);
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
            v.put(SANCTION_EVENT.ANNOUNCED_ON, day(e.announcedOn(), e.key()));
            v.put(SANCTION_EVENT.PUBLISHED_ON, day(e.publishedOn(), e.key()));
            v.put(SANCTION_EVENT.EFFECTIVE_ON, day(e.effectiveOn(), e.key()));
            v.put(SANCTION_EVENT.LIFTED_ON, day(e.liftedOn(), e.key()));
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
                v.put(SANCTION_ACTION.AFFILIATED_VENDOR_ID, t.affiliatedVendor() == null ? null : vendor(t.affiliatedVendor(), key));
                v.put(SANCTION_ACTION.LISTED_NAME, t.listedName());
                v.put(SANCTION_ACTION.LISTED_ALIASES, array(t.listedAliases()));
                v.put(SANCTION_ACTION.LISTED_ADDRESS, t.listedAddress());
                v.put(SANCTION_ACTION.REASON, t.reason());
                v.put(SANCTION_ACTION.LIFTED_ON, day(t.liftedOn(), key));
                v.put(SANCTION_ACTION.LIFTED_BY_EVENT_ID, t.liftedBy() == null ? null : lookup(eventIds, t.liftedBy(), "event", key));
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
        int n = 0;
        for (DevelopmentSeed d : SeedFiles.list(a.developments())) {
            String key = a.key() + "/development/" + (++n);
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
    private void cite(Field<Long> claimColumn, long claimId, String claimKey, List<SourceRef> refs,
                      String claimConfidence, String aspect) {
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

    /**
     * Inserts or updates the row with this seed key and returns its id (0 for tables keyed by code).
     * An unchanged row is not written: its revision and updated_at stay as they were.
     */
    @SuppressWarnings("unchecked")
    private long upsert(Table<?> table, String seedKey, Map<Field<?>, Object> values) {
        if (!seen.computeIfAbsent(table, t -> new LinkedHashSet<>()).add(seedKey)) {
            throw new IllegalStateException("seed: duplicate " + table.getName() + " record " + seedKey);
        }
        Field<String> key = seedKey(table);
        Field<Long> id = (Field<Long>) table.field("id");
        Field<Integer> revision = (Field<Integer>) table.field("revision");
        Field<?> updatedAt = table.field("updated_at");

        Map<Field<?>, Object> insert = new LinkedHashMap<>(values);
        insert.put(key, seedKey);
        Map<Field<?>, Object> update = new LinkedHashMap<>(values);
        if (revision != null) {
            update.put(revision, revision.plus(1));
        }
        if (updatedAt != null) {
            update.put(updatedAt, DSL.currentOffsetDateTime());
        }
        List<Field<?>> fields = new ArrayList<>(values.keySet());
        var changed = DSL.row(fields).isDistinctFrom(DSL.row(fields.stream().map(f -> (Field<?>) DSL.excluded(f)).toList()));
        var step = dsl.insertInto(table).set(insert).onConflict(key).doUpdate().set(update).where(changed);
        if (id == null) {
            step.execute();
            return 0;
        }
        // on a first load the table holds no seeded rows: skip looking for a row to snapshot
        boolean hasSeeded = tablesWithSeedRows.computeIfAbsent(table, t -> dsl.fetchExists(t, seedKey(t).isNotNull()));
        JSONB before = !hasSeeded ? null : dsl.select(DSL.field("to_jsonb(t)", JSONB.class)).from(table.as("t"))
                .where(DSL.field(DSL.name("t", "seed_key"), String.class).eq(seedKey)).fetchOne(0, JSONB.class);
        Field<JSONB> row = DSL.field("to_jsonb({0})", JSONB.class, table);
        Record r = step.returningResult(id, row).fetchOne();
        if (r == null) {
            return dsl.select(id).from(table).where(key.eq(seedKey)).fetchSingle(id);
        }
        recordSeedChange(table, r.get(id), before, r.get(row));
        return r.get(id);
    }

    /** Seed writes go into the audit trail too (actor "seed"), so nothing changes unrecorded. */
    private void recordSeedChange(Table<?> table, long id, JSONB before, JSONB after) {
        JSONB row = after != null ? after : before;
        Long vendorId = null;
        if (table == VENDOR) {
            vendorId = id;
        } else {
            var json = JSON.readTree(row.data());
            var v = json.hasNonNull("vendor_id") ? json.get("vendor_id") : json.get("subject_vendor_id");
            vendorId = v == null || v.isNull() ? null : v.asLong();
        }
        String type = java.util.Arrays.stream(table.getName().split("_"))
                .map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1)).reduce("", String::concat);
        auditBatch.add(audit.insert(org.vendorwatch.platform.auth.Actor.SEED, "seed", before == null ? "CREATE" : after == null ? "REMOVE" : "UPDATE",
                type, id, vendorId, before, after, null));
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

    private static LocalDate day(String text, String where) {
        try {
            return FuzzyDate.parseDay(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("seed: " + where + ": " + e.getMessage(), e);
        }
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
            sb.append('"').append(k.replace("\"", "")).append("\":\"").append(confidence(v)).append('"');
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
            Resource[] resources = resolver.getResources(location + "**/*.yaml");
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
