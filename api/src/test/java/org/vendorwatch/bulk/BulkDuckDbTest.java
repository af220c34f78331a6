package org.vendorwatch.bulk;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.vendorwatch.platform.AppHome;
import org.vendorwatch.support.Api;
import org.vendorwatch.support.IntegrationTest;
import org.vendorwatch.support.Node;
import tools.jackson.databind.JsonNode;

/**
 * The researchers' question of docs/bulk-data.md, "which vendors are sanctioned by whom, since when,
 * with which sources", run as written in DuckDB (its own CSV reader, through its Node.js API) over
 * the CSV files this service serves, answers what GraphQL answers.
 */
@IntegrationTest
class BulkDuckDbTest {

    @Autowired
    Api api;

    @Test
    void theDocumentedDuckDbQueryOverTheCsvFilesAnswersWhatGraphQlAnswers() throws Exception {
        String doc = Files.readString(AppHome.dir().resolve("docs/bulk-data.md"));
        int start = doc.indexOf("```sql\n", doc.indexOf("In DuckDB, which")) + "```sql\n".length();
        String sql = doc.substring(start, doc.indexOf("```", start));
        assertThat(sql).contains("'http://localhost:8080/bulk/sanction_actions.csv'");
        // DuckDB reads the files from disk here (its HTTP reader is an extension it would download)
        Path dir = Files.createTempDirectory("vendorwatch-duckdb-");
        HttpClient http = HttpClient.newHttpClient();
        for (String file : List.of("sanction_actions", "sanction_events", "vendors", "citations", "sources")) {
            http.send(
                    HttpRequest.newBuilder(URI.create(api.url("/bulk/" + file + ".csv")))
                            .build(),
                    HttpResponse.BodyHandlers.ofFile(dir.resolve(file + ".csv")));
        }
        Path query = dir.resolve("question.sql");
        Files.writeString(query, sql.replace("http://localhost:8080/bulk/", dir + "/"));
        Set<String> fromCsv = new TreeSet<>();
        for (String line : Node.run("duckdb", "query.mjs", query.toString())) {
            JsonNode r = Api.JSON.readTree(line);
            fromCsv.add(String.join(
                    " | ",
                    r.path("name").asString(),
                    r.path("authority").asString(),
                    text(r.path("program")),
                    r.path("action_type").asString(),
                    text(r.path("effective_on")),
                    text(r.path("lifted_on")),
                    String.join(
                            " ",
                            new TreeSet<>(List.of(r.path("sources").asString("").split(" ")).stream()
                                    .filter(u -> !u.isEmpty())
                                    .toList()))));
        }

        Set<String> fromGraphQl = new TreeSet<>();
        JsonNode actions = api.query("""
                { sanctionActions(first: 100) { edges { node { vendor { name } authority { code } program { code } actionType
                  effectiveOn liftedOn sources { url } event { sources { url } } } } } }""").ok().path("sanctionActions").path("edges");
        for (JsonNode e : actions) {
            JsonNode a = e.path("node");
            if (a.path("vendor").isNull()) {
                continue; // people: the question is about vendors
            }
            TreeSet<String> urls = new TreeSet<>(a.path("sources").findValuesAsString("url"));
            urls.addAll(a.path("event").path("sources").findValuesAsString("url"));
            urls.remove(""); // a source cited without a URL (CITED_ONLY) has none to list
            fromGraphQl.add(String.join(
                    " | ",
                    a.path("vendor").path("name").asString(),
                    a.path("authority").path("code").asString(),
                    text(a.path("program").path("code")),
                    a.path("actionType").asString(),
                    text(a.path("effectiveOn")),
                    text(a.path("liftedOn")),
                    String.join(" ", urls)));
        }
        assertThat(fromGraphQl).hasSizeGreaterThan(5);
        assertThat(fromCsv).isEqualTo(fromGraphQl);
    }

    private static String text(JsonNode n) {
        return n.isNull() || n.isMissingNode() ? "" : n.asString();
    }
}
