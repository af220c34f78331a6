package org.vendorwatch.sanction;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.vendorwatch.platform.graphql.AspectConfidence;
import org.vendorwatch.platform.graphql.GlobalId;
import org.vendorwatch.platform.read.Projected;

/** Read models of the sanction slice. */
public final class SanctionViews {

    private SanctionViews() {}

    /** An authority. */
    public record SanctionAuthorityView(long rowId, String code, String name, String countryCode, int revision) {
        public String id() {
            return GlobalId.of("SanctionAuthority", rowId);
        }
    }

    /** A list or program. */
    public record SanctionProgramView(long rowId, String code, String name, String authorityCode, int revision) {
        public String id() {
            return GlobalId.of("SanctionProgram", rowId);
        }
    }

    /** A government act. */
    public record SanctionEventView(
            long rowId,
            String authorityCode,
            String programCode,
            String programDetail,
            String actionType,
            String title,
            LocalDate announcedOn,
            LocalDate publishedOn,
            LocalDate effectiveOn,
            LocalDate liftedOn,
            String citation,
            String documentNumber,
            String pressRelease,
            String url,
            String licenseRequirement,
            String licenseExceptions,
            String licensePolicy,
            String summary,
            String confidence,
            List<AspectConfidence> confidenceDetails,
            List<String> notes,
            LocalDate sortOn,
            int revision,
            String announcedOnPrecision,
            String publishedOnPrecision,
            String effectiveOnPrecision,
            String liftedOnPrecision) {
        public String id() {
            return GlobalId.of("SanctionEvent", rowId);
        }
    }

    /**
     * A government act as it applies to one target: what Java code uses, and the GraphQL fields in
     * {@code projected} (SanctionReadModel.ACTION_FIELDS, where the rules combining act and target live).
     */
    public record SanctionActionView(
            long rowId,
            SanctionEventView event,
            @Nullable Long vendorId,
            @Nullable String personName,
            @Nullable Long affiliatedVendorId,
            List<String> listedAliases,
            Map<String, @Nullable Object> projected)
            implements Projected {

        public String id() {
            return GlobalId.of("SanctionAction", rowId);
        }

        /** The act's confidence per aspect (field by field: a JSON column). */
        public List<AspectConfidence> confidenceDetails() {
            return event.confidenceDetails();
        }
    }
}
