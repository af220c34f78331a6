package org.vendorwatch.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Global ids round-trip for every type and refuse anything this API did not issue, with INVALID_ID. */
class GlobalIdCodecTest {

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void roundTripsEveryType() {
        for (String type : GlobalId.TYPES) {
            for (long row : new long[] {1, 42, Long.MAX_VALUE}) {
                String id = GlobalId.of(type, row);
                assertThat(id).matches("[A-Za-z0-9_-]+");
                assertThat(GlobalId.parse(id)).isEqualTo(new GlobalId(type, row));
            }
        }
    }

    @Test
    void refusesWhatItDidNotIssue() {
        for (String bad : Arrays.asList(
                null,
                "",
                "!!",
                "a".repeat(101),
                encode("Vendor"),
                encode("Vendor:"),
                encode(":1"),
                encode("Vendor:0"),
                encode("Vendor:-3"),
                encode("Vendor:1.5"),
                encode("Vendor:99999999999999999999"),
                encode("Unknown:1"),
                encode("vendor:1"),
                encode("Vendor: 1"))) {
            assertThatThrownBy(() -> GlobalId.parse(bad))
                    .as(String.valueOf(bad))
                    .isInstanceOf(ApiException.class)
                    .extracting(e -> ((ApiException) e).code())
                    .isEqualTo(ErrorCode.INVALID_ID);
        }
    }
}
