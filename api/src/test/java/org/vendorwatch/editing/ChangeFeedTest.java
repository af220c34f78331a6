package org.vendorwatch.editing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.vendorwatch.support.EditingSupport;
import org.vendorwatch.support.EditingTest;
import org.vendorwatch.support.Tokens;
import tools.jackson.databind.JsonNode;

/** A researcher syncing from a saved cursor never misses or repeats a change, whatever the commit order. */
@EditingTest
class ChangeFeedTest extends EditingSupport {

    @Autowired
    DataSource dataSource;

    static final String PAGE =
            "query($after: String) { changes(first: 100, after: $after) { edges { node { id operation recordType recordId changedFields values } } pageInfo { endCursor hasNextPage } } }";

    /** Reads every change after the cursor; returns the new cursor. */
    private String drain(String cursor, List<String> seen) {
        String after = cursor;
        while (true) {
            Map<String, Object> vars = new java.util.HashMap<>();
            vars.put("after", after);
            JsonNode page = api.query(PAGE, vars).ok().path("changes");
            page.path("edges").forEach(e -> seen.add(e.path("node").path("id").asString()));
            if (page.path("pageInfo").path("endCursor").isString()) {
                after = page.path("pageInfo").path("endCursor").asString();
            }
            if (!page.path("pageInfo").path("hasNextPage").asBoolean()) {
                return after;
            }
        }
    }

    private Set<String> allEventIds() {
        Set<String> ids = new HashSet<>();
        dsl.fetch("select id from audit_event")
                .forEach(r -> ids.add(org.vendorwatch.platform.graphql.GlobalId.of("Change", r.get(0, Long.class))));
        return ids;
    }

    @Test
    void anEventCommittedLaterButStartedEarlierIsNotSkipped() throws Exception {
        List<String> seen = new ArrayList<>();
        String cursor = drain(null, seen);
        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            try (var st = slow.createStatement()) {
                // a transaction that writes first (lower transaction id) and commits last
                // (a direct write: the audit trigger records it, as it records every write)
                st.execute("update vendor set description = 'Written by a slow transaction' where slug = 'nso-group'");
            }
            edit(
                    "mutation($input: CreateVendorInput!) { createVendor(input: $input) { vendor { id } userErrors { field message code } } }",
                    Map.of("slug", "feed-fast-writer", "name", "Fast writer", "kind", "COMPANY"));
            List<String> meanwhile = new ArrayList<>();
            String held = drain(cursor, meanwhile);
            assertThat(meanwhile)
                    .as("the fast writer's events wait until the slow one is done")
                    .isEmpty();
            assertThat(held).isEqualTo(cursor);
            slow.commit();
        }
        List<String> after = new ArrayList<>();
        drain(cursor, after);
        assertThat(after).hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates();
        assertThat(after.getFirst())
                .as("commit order of the transactions decides: the slow writer's event comes first")
                .isNotNull();
        seen.addAll(after);
        assertThat(new HashSet<>(seen)).isEqualTo(allEventIds());
    }

    @Test
    void anEmptyPageHandsBackItsCursorAndAForgedCursorIsRefused() {
        String cursor = drain(null, new ArrayList<>());
        Map<String, Object> vars = new java.util.HashMap<>();
        vars.put("after", cursor);
        JsonNode page = api.query(PAGE, vars).ok().path("changes");
        assertThat(page.path("edges").size()).isZero();
        assertThat(page.path("pageInfo").path("endCursor").asString()).isEqualTo(cursor);
        // past the end, in another database, or made up: refused, never "nothing new"
        for (String forged : List.of(
                new org.vendorwatch.platform.paging.Cursor("changes", List.of("999999999", "999999999")).encode(),
                new org.vendorwatch.platform.paging.Cursor("changes", List.of("not-a-txid", "1")).encode())) {
            vars.put("after", forged);
            assertThat(api.query(PAGE, vars)
                            .errors()
                            .path(0)
                            .path("extensions")
                            .path("code")
                            .asString())
                    .isEqualTo("INVALID_CURSOR");
        }
    }

    @Test
    void everyChangeNamesItsRecordByAGlobalId() {
        List<String> missing = new ArrayList<>();
        String after = null;
        while (true) {
            Map<String, Object> vars = new java.util.HashMap<>();
            vars.put("after", after);
            JsonNode page = api.query(
                            "query($after: String) { changes(first: 100, after: $after) { edges { node { recordType globalId } } "
                                    + "pageInfo { endCursor hasNextPage } } }",
                            vars)
                    .ok()
                    .path("changes");
            page.path("edges").forEach(e -> {
                if (!e.path("node").path("globalId").isString()) {
                    missing.add(e.path("node").path("recordType").asString());
                }
            });
            after = page.path("pageInfo").path("endCursor").asString();
            if (!page.path("pageInfo").path("hasNextPage").asBoolean()) {
                break;
            }
        }
        assertThat(missing).as("record types of changes without a global id").isEmpty();
    }

    @Test
    void concurrentWritersLoseAndDuplicateNothing() throws Exception {
        List<String> seen = new ArrayList<>();
        String cursor = drain(null, seen);
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            writers.add(pool.submit(() -> {
                for (int i = 0; i < 15; i++) {
                    as(
                            Tokens.editor(),
                            "mutation($input: CreateVendorInput!) { createVendor(input: $input) { vendor { id } userErrors { code } } }",
                            Map.of(
                                    "input",
                                    Map.of(
                                            "slug",
                                            "feed-" + writer + "-" + i,
                                            "name",
                                            "Feed " + writer + " " + i,
                                            "kind",
                                            "COMPANY")));
                }
            }));
        }
        // sync repeatedly while they write, as a researcher's job would
        while (writers.stream().anyMatch(f -> !f.isDone())) {
            cursor = drain(cursor, seen);
        }
        writing.set(false);
        for (Future<?> f : writers) {
            f.get();
        }
        pool.shutdown();
        // the feed holds events back while an older transaction (e.g. the chain's sealing) still runs: sync
        // again until it has caught up, as a researcher's next sync would
        long deadline = System.nanoTime() + 10_000_000_000L;
        do {
            cursor = drain(cursor, seen);
        } while (!new HashSet<>(seen).equals(allEventIds()) && System.nanoTime() < deadline);
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(new HashSet<>(seen)).isEqualTo(allEventIds());
    }
}
