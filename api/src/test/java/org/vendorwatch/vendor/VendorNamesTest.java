package org.vendorwatch.vendor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.vendorwatch.platform.read.CompiledReads;
import org.vendorwatch.support.Api;
import org.vendorwatch.support.IntegrationTest;

/**
 * {@code Vendor.nameCount} and {@code VendorName.isCanonical} on both read paths, for every seeded
 * vendor: the count is the canonical name plus its aliases; a name is canonical exactly when it is the vendor's
 * {@code name} (some vendors are listed under a name none of their name records spells), and the
 * aliases are the other names. Written with HttpGraphQlTester and a named document, over HTTP.
 */
@IntegrationTest
class VendorNamesTest {

    record Name(String name, boolean isCanonical) {}

    @Autowired
    Api api;

    @Autowired
    VendorQueries vendors;

    @Autowired
    CompiledReads compiled;

    @Test
    void nameCountAndCanonicalNameOnBothPaths() {
        HttpGraphQlTester graphQl = HttpGraphQlTester.create(WebTestClient.bindToServer(new JdkClientHttpConnector())
                .baseUrl(api.url("/graphql"))
                .build());
        List<String> slugs =
                vendors.page(null, null, org.vendorwatch.platform.paging.PageArgs.of(100, null)).edges().stream()
                        .map(e -> e.node().slug())
                        .toList();
        assertThat(slugs).hasSizeGreaterThan(10);
        int withAliases = 0;
        int withCanonical = 0;
        try {
            for (boolean compiledPath : new boolean[] {true, false}) {
                compiled.setEnabled(compiledPath);
                for (String slug : slugs) {
                    var response = graphQl.documentName("vendorNames")
                            .variable("slug", slug)
                            .execute();
                    String name =
                            response.path("vendor.name").entity(String.class).get();
                    List<Name> names =
                            response.path("vendor.names").entityList(Name.class).get();
                    List<Name> aliases = response.path("vendor.aliases")
                            .entityList(Name.class)
                            .get();
                    response.path("vendor.nameCount").entity(Integer.class).isEqualTo(aliases.size() + 1);
                    assertThat(names)
                            .as(slug)
                            .allMatch(n -> n.isCanonical() == n.name().equals(name));
                    assertThat(names).as(slug).filteredOn(n -> !n.isCanonical()).containsExactlyElementsOf(aliases);
                    withAliases += aliases.isEmpty() ? 0 : 1;
                    withCanonical += names.stream().anyMatch(Name::isCanonical) ? 1 : 0;
                }
            }
        } finally {
            compiled.setEnabled(true);
        }
        assertThat(withAliases).isGreaterThan(10);
        assertThat(withCanonical).isGreaterThan(10);
    }
}
