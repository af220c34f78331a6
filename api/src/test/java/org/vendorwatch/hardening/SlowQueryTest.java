package org.vendorwatch.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.vendorwatch.support.Api;
import org.vendorwatch.support.SlowExecution;

/**
 * A request that runs past the execution limit is stopped with TIMEOUT; a statement stopped by the
 * database's statement timeout answers the same. The limit here is 100 ms and every execution is
 * held 1 s by {@link SlowExecution}, so the outcome does not depend on how fast the machine is (a
 * limit of 1 ms alone let a warm JVM answer a small query in time on CI).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "vendorwatch.database.ephemeral=true",
            "vendorwatch.limits.timeout=100ms",
            "vendorwatch.limits.rate.enabled=false"
        })
@Import({Api.class, SlowExecution.class})
class SlowQueryTest {

    @Autowired
    Api api;

    @Test
    void aSlowRequestIsStoppedWithTimeout() {
        Api.Response r = api.query(
                "{ vendors(first: 100) { edges { node { names { name } allegations(first: 5) { edges { node { title } } } } } } }");
        assertThat(r.errorCode()).as(r.body()).isEqualTo("TIMEOUT");
        assertThat(r.body()).doesNotContain("Exception").contains("longer than 100 ms");
    }

    @Test
    void aCancelledStatementMeansTimeout() {
        var known = org.vendorwatch.platform.graphql.ErrorHandlingAccess.fromDatabase(
                new RuntimeException(new SQLException("canceling statement due to statement timeout", "57014")));
        assertThat(known.code().name()).isEqualTo("TIMEOUT");
    }
}
