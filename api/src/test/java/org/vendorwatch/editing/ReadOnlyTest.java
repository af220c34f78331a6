package org.vendorwatch.editing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.vendorwatch.support.Api;
import org.vendorwatch.support.IntegrationTest;
import org.vendorwatch.support.Tokens;

/** With no identity provider configured (the default), the service serves reads only. */
@IntegrationTest
class ReadOnlyTest {

    @Autowired
    Api api;

    @Test
    void everyMutationIsRefusedWithAClearMessage() {
        Api.Response r = api.query(
                "mutation { createVendor(input: {slug: \"x\", name: \"X\", kind: COMPANY}) { vendor { slug } userErrors { code } } }");
        assertThat(r.errorCode()).isEqualTo("READ_ONLY");
        assertThat(r.errors().path(0).path("message").asString()).contains("read-only");
        assertThat(api.query("{ vendor(slug: \"x\") { slug } }")
                        .ok()
                        .path("vendor")
                        .isNull())
                .isTrue();
    }

    @Test
    void aTokenIsRefusedBecauseNoneCanBeChecked() {
        Api.Response r = api.query("{ vendors { totalCount } }", Map.of(), Tokens.editor());
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.errorCode()).isEqualTo("INVALID_TOKEN");
    }
}
