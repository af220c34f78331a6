package org.vendorwatch.editing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vendorwatch.support.Api;
import org.vendorwatch.support.EditingSupport;
import org.vendorwatch.support.EditingTest;
import org.vendorwatch.support.Tokens;
import tools.jackson.databind.JsonNode;

/**
 * Names and slugs that would deceive a reader or break a consumer are refused, each with its code,
 * and nothing is written; what is stored is NFC text, and duplicates are found whatever the case or
 * Unicode form. The inputs are sent as JSON escapes, exactly as a hostile client would send them.
 */
@EditingTest
class HostileInputTest extends EditingSupport {

    static final String ADD_NAME =
            "mutation($input: AddVendorNameInput!) { addVendorName(input: $input) { name { id name } userErrors { field message code } } }";

    private String vendor;
    private String source;

    @org.junit.jupiter.api.BeforeEach
    void vendorAndSource() {
        if (vendor == null) {
            String slug = "hostile-" + Long.toHexString(System.nanoTime());
            vendor = newVendor(slug);
            source = newSource("https://example.org/" + slug);
        }
    }

    /** Sends addVendorName with the name given as a raw JSON string literal (escapes and all). */
    private JsonNode addName(String jsonStringLiteral, String kind) {
        String body = "{\"query\":" + Api.JSON.writeValueAsString(ADD_NAME)
                + ",\"variables\":{\"input\":{\"vendorId\":\"" + vendor
                + "\",\"name\":" + jsonStringLiteral + ",\"kind\":\"" + kind
                + "\",\"confidence\":\"LOW\",\"sources\":[{\"sourceId\":\""
                + source + "\",\"confidence\":\"LOW\"}]}}}";
        Api.Response r = api.post(body, "application/json", Tokens.editor());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.ok().path("addVendorName");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "right-to-left override | \"Acme\\u202eltd\" | INVALID_CHARACTER",
                "zero-width space | \"Acme\\u200bX\" | INVALID_CHARACTER",
                "byte-order mark | \"\\ufeffAcme\" | INVALID_CHARACTER",
                "C1 control | \"Acme\\u0085X\" | INVALID_CHARACTER",
                "C0 control (NUL) | \"Acme\\u0000X\" | INVALID_CHARACTER",
                "line separator | \"Acme\\u2028X\" | INVALID_CHARACTER",
                "paragraph separator | \"Acme\\u2029X\" | INVALID_CHARACTER",
                "newline | \"Acme\\nX\" | INVALID_CHARACTER",
                "tab | \"Acme\\tX\" | INVALID_CHARACTER",
                "bidirectional isolate | \"\\u2066Acme\\u2069\" | INVALID_CHARACTER",
                "only invisible characters | \"\\u200b\\u200c\\u200d\" | INVALID_CHARACTER",
                "only non-breaking spaces | \"\\u00a0\\u00a0\\u2007\" | REQUIRED",
                "lone surrogate | \"Acme\\ud800X\" | INVALID_CHARACTER",
                "empty | \"\" | REQUIRED",
            })
    void aDeceivingNameIsRefusedWithItsCodeAndNothingIsWritten(String what, String literal, String code) {
        String before = fingerprint();
        JsonNode payload = addName(literal, "AKA");
        assertThat(payload.path("name").isNull()).as(what).isTrue();
        assertThat(payload.path("userErrors").findValuesAsString("code"))
                .as(what)
                .contains(code);
        assertThat(payload.path("userErrors").path(0).path("field").asString()).isEqualTo("input.name");
        assertThat(fingerprint()).as("nothing written").isEqualTo(before);
    }

    @Test
    void lengthsCountCharactersSoTwoHundredEmojiAreANameAndThreeHundredAndOneAreNot() {
        JsonNode ok = addName(Api.JSON.writeValueAsString("\ud83d\udc41".repeat(200)), "AKA");
        assertThat(ok.path("userErrors").size()).as(ok.toString()).isZero();
        JsonNode tooLong = addName(Api.JSON.writeValueAsString("\ud83d\udc41".repeat(301)), "TRADE_NAME");
        assertThat(tooLong.path("userErrors").path(0).path("code").asString()).isEqualTo("TOO_LONG");
        assertThat(tooLong.path("userErrors").path(0).path("message").asString())
                .contains("has 301");
    }

    @Test
    void theSameNameInAnotherUnicodeFormOrCaseIsADuplicate() {
        JsonNode nfc = addName("\"Caf\\u00e9 Holdings\"", "FORMER_NAME");
        assertThat(nfc.path("name").path("name").asString()).isEqualTo("Caf\u00e9 Holdings");
        // the decomposed form (e + combining acute) is the same name: stored as NFC, refused as a duplicate
        assertThat(addName("\"Cafe\\u0301 Holdings\"", "FORMER_NAME")
                        .path("userErrors")
                        .findValuesAsString("code"))
                .containsExactly("DUPLICATE");
        assertThat(addName("\"CAF\\u00c9 HOLDINGS\"", "FORMER_NAME")
                        .path("userErrors")
                        .findValuesAsString("code"))
                .containsExactly("DUPLICATE");
        // another kind of name may repeat it
        assertThat(addName("\"Cafe\\u0301 Holdings\"", "TRADE_NAME")
                        .path("name")
                        .path("name")
                        .asString())
                .isEqualTo("Caf\u00e9 Holdings");
    }

    @Test
    void slugsAreAsciiOnly() {
        for (String slug : List.of("acme\u200b", "ac\u0435me", "Acme", "acme--x", "-acme", "acme\n")) {
            refused(
                    "mutation($input: CreateVendorInput!) { createVendor(input: $input) { vendor { id } userErrors { code } } }",
                    Map.of("slug", slug, "name", "Acme", "kind", "COMPANY"),
                    slug.contains("\u200b") || slug.contains("\n") ? "INVALID_CHARACTER" : "INVALID_SLUG");
        }
    }
}
