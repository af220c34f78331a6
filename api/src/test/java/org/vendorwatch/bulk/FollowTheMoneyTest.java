package org.vendorwatch.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.vendorwatch.support.Api;
import org.vendorwatch.support.Node;
import tools.jackson.databind.JsonNode;

/**
 * ftm.jsonl as OpenSanctions-style tools need it: every line valid against FollowTheMoney's own model
 * (the @alephdata/followthemoney package's schema definitions, property by property, every entity
 * reference resolved and of the right schema), current topics, one Sanction per listing with its
 * delisting as end date, people with stable ids linked to their vendors, relationships and
 * identifiers exported, codenames as weak aliases.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "vendorwatch.database.ephemeral=true",
            "vendorwatch.database.name=ftm",
            "vendorwatch.limits.rate.enabled=false"
        })
@Import(Api.class)
class FollowTheMoneyTest {

    @Autowired
    Api api;

    @Autowired
    org.vendorwatch.platform.embedded.EmbeddedPostgres pg;

    private List<JsonNode> entities() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(api.url("/bulk/ftm.jsonl")))
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return r.body().lines().map(Api.JSON::readTree).toList();
    }

    private static List<JsonNode> of(List<JsonNode> all, String schema) {
        return all.stream()
                .filter(e -> e.path("schema").asString().equals(schema))
                .toList();
    }

    private static JsonNode named(List<JsonNode> all, String name) {
        return all.stream()
                .filter(e ->
                        e.path("properties").path("name").path(0).asString().equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> values(JsonNode e, String property) {
        return e.path("properties")
                .path(property)
                .valueStream()
                .map(JsonNode::asString)
                .toList();
    }

    @Test
    void everyLineIsValidAgainstFollowTheMoneysOwnModel() throws Exception {
        Path file = Files.createTempFile("vendorwatch-ftm-", ".jsonl");
        HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(api.url("/bulk/ftm.jsonl")))
                                .build(),
                        HttpResponse.BodyHandlers.ofFile(file));
        List<String> lines = Node.run("followthemoney", "validate.mjs", file.toString());
        JsonNode summary = Api.JSON.readTree(lines.getLast());
        assertThat(lines.subList(0, lines.size() - 1))
                .as("FollowTheMoney problems")
                .isEmpty();
        assertThat(summary.path("problems").asInt()).isZero();
        assertThat(summary.path("entities").asInt()).isGreaterThan(40);
    }

    @Test
    void listingsTopicsPeopleRelationshipsAndIdentifiersAreWhatTheRecordsSay() throws Exception {
        List<JsonNode> all = entities();
        List<JsonNode> sanctions = of(all, "Sanction");
        Map<String, List<JsonNode>> sanctionsOf = sanctions.stream()
                .collect(Collectors.groupingBy(s -> values(s, "entity").getFirst()));

        // delisted by OFAC: no longer "sanction", one Sanction each, ended by the delisting
        for (String name :
                List.of("Sara Aleksandra Fayssal Hamou", "Andrea Nicola Constantino Hermes Gambazzi", "Merom Harpaz")) {
            JsonNode person = named(all, name);
            assertThat(values(person, "topics")).as(name).doesNotContain("sanction");
            List<JsonNode> own = sanctionsOf.get(person.path("id").asString());
            assertThat(own).as(name).hasSize(1);
            assertThat(values(own.getFirst(), "endDate")).containsExactly("2025-12-30");
            assertThat(values(own.getFirst(), "status")).containsExactly("delisted");
        }
        JsonNode dilian = named(all, "Tal Jonathan Dilian");
        assertThat(values(dilian, "topics")).contains("sanction");
        assertThat(values(sanctionsOf.get(dilian.path("id").asString()).getFirst(), "status"))
                .containsExactly("active");
        assertThat(sanctions).noneMatch(s -> values(s, "program").toString().contains("REMOVED"));

        // people are linked to the vendors their listing names
        List<JsonNode> links = of(all, "UnknownLink").stream()
                .filter(l -> values(l, "subject").contains(dilian.path("id").asString()))
                .toList();
        assertThat(links).isNotEmpty();
        assertThat(links.stream().flatMap(l -> values(l, "object").stream()).toList())
                .allMatch(id -> id.startsWith("vendorwatch-vendor-"));

        // the consortium is no island: its members point at it
        JsonNode consortium = all.stream()
                .filter(e -> values(e, "name").stream().anyMatch(n -> n.startsWith("Intellexa Consortium")))
                .findFirst()
                .orElseThrow();
        assertThat(of(all, "Membership"))
                .anyMatch(m ->
                        values(m, "organization").contains(consortium.path("id").asString()));
        // a group's entities abroad count among its countries
        assertThat(values(named(all, "NSO Group"), "country")).contains("vg", "bg", "ky", "cy");

        // identifiers, codenames, sources
        JsonNode pt = named(all, "Positive Technologies");
        assertThat(values(pt, "innCode")).containsExactly("7718668887");
        assertThat(sanctionsOf.get(pt.path("id").asString()).stream()
                        .flatMap(s -> values(s, "authorityId").stream())
                        .toList())
                .contains("31455");
        assertThat(values(named(all, "Candiru"), "weakAlias")).contains("SOURGUM");
        assertThat(sanctions).anyMatch(s -> values(s, "sourceUrl").size() > 2);
    }

    @Test
    void aPersonKeepsTheirIdWhenTheSpellingIsCorrected() throws Exception {
        String before = named(entities(), "Felix Bitzios").path("id").asString();
        try (Connection c = pg.connect("ftm", "ftm");
                var st = c.createStatement()) {
            st.execute(
                    "update sanction_action set person_name = 'Felix Bitzios (corrected)' where person_name = 'Felix Bitzios'");
        }
        assertThat(named(entities(), "Felix Bitzios (corrected)").path("id").asString())
                .isEqualTo(before);
    }

    /**
     * Records an act against one vendor, taking effect in 30 days, with a citation for the act and
     * for its target (one transaction: every claim must cite a source by commit).
     */
    private void recordActInAMonth(String authority, String program, String actionType, String title, long vendorId)
            throws Exception {
        try (Connection c = pg.connect("ftm", "ftm");
                var st = c.prepareStatement("""
                        with e as (insert into sanction_event (authority_code, program_code, action_type, title,
                                     effective_on, effective_precision, confidence)
                                   values (?, ?, ?, ?, (now() at time zone 'UTC')::date + 30, 'DAY', 'HIGH') returning id),
                             a as (insert into sanction_action (event_id, vendor_id, confidence)
                                   select e.id, ?, 'HIGH' from e returning id, event_id),
                             s as (select min(id) as id from source)
                        insert into citation (sanction_event_id, sanction_action_id, source_id, confidence)
                        select a.event_id, null, s.id, 'HIGH' from a, s
                        union all select null, a.id, s.id, 'HIGH' from a, s""")) {
            st.setString(1, authority);
            st.setString(2, program);
            st.setString(3, actionType);
            st.setString(4, title);
            st.setLong(5, vendorId);
            st.execute();
        }
    }

    private long queryLong(String sql) throws Exception {
        try (Connection c = pg.connect("ftm", "ftm");
                var st = c.createStatement();
                var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** As the API has it: a listing that takes effect later is scheduled, and its vendor not yet sanctioned. */
    @Test
    void aListingTakingEffectLaterIsScheduledNotASanctionTopic() throws Exception {
        long vendorId = queryLong("select v.id from vendor v where not exists (select 1 from sanction_action a "
                + "where a.vendor_id = v.id or a.affiliated_vendor_id = v.id) order by v.id limit 1");
        recordActInAMonth("US_BIS", null, "LISTED", "Scheduled listing (test)", vendorId);
        assertThat(api.query(
                                "query($id: ID!) { node(id: $id) { ... on Vendor { isSanctioned } } }",
                                Map.of("id", org.vendorwatch.platform.graphql.GlobalId.of("Vendor", vendorId)))
                        .ok()
                        .path("node")
                        .path("isSanctioned")
                        .asBoolean(true))
                .isFalse();
        List<JsonNode> all = entities();
        JsonNode listing = of(all, "Sanction").stream()
                .filter(e -> values(e, "summary").contains("Scheduled listing (test)"))
                .findFirst()
                .orElseThrow();
        assertThat(values(listing, "status")).containsExactly("scheduled");
        assertThat(values(entity(all, "vendorwatch-vendor-" + vendorId), "topics"))
                .doesNotContain("sanction");
    }

    /** A removal that takes effect later ends the listing then: until that day it is still active. */
    @Test
    void aRemovalTakingEffectLaterKeepsTheListingActiveUntilThen() throws Exception {
        String authority;
        String program;
        String title;
        long vendorId;
        try (Connection c = pg.connect("ftm", "ftm");
                var st = c.createStatement();
                var rs = st.executeQuery("select v.id, e.authority_code, e.program_code, e.title from vendor v "
                        + "join sanction_action a on a.vendor_id = v.id join sanction_event e on e.id = a.event_id "
                        + "where v.slug = 'nso-group' and e.action_type = 'LISTED' order by e.sort_on limit 1")) {
            rs.next();
            vendorId = rs.getLong(1);
            authority = rs.getString(2);
            program = rs.getString(3);
            title = rs.getString(4);
        }
        recordActInAMonth(authority, program, "REMOVED", "Removal from next month (test)", vendorId);
        List<JsonNode> all = entities();
        JsonNode listing = of(all, "Sanction").stream()
                .filter(e -> values(e, "summary").contains(title)
                        && e.path("properties")
                                .path("entity")
                                .path(0)
                                .asString()
                                .equals("vendorwatch-vendor-" + vendorId))
                .findFirst()
                .orElseThrow();
        assertThat(values(listing, "status")).containsExactly("active");
        assertThat(values(listing, "endDate"))
                .containsExactly(LocalDate.now(ZoneOffset.UTC).plusDays(30).toString());
        assertThat(values(entity(all, "vendorwatch-vendor-" + vendorId), "topics"))
                .contains("sanction");
    }

    private static JsonNode entity(List<JsonNode> all, String id) {
        return all.stream()
                .filter(e -> e.path("id").asString().equals(id))
                .findFirst()
                .orElseThrow();
    }
}
