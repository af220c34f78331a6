package org.vendorwatch.sanction;

import java.time.LocalDate;
import java.util.List;
import org.vendorwatch.platform.graphql.AspectConfidence;
import org.vendorwatch.platform.graphql.GlobalId;

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

    /** A government act as it applies to one target. */
    public record SanctionActionView(
            long rowId,
            SanctionEventView event,
            Long vendorId,
            String personName,
            Long affiliatedVendorId,
            String targetName,
            String listedName,
            List<String> listedAliases,
            String listedAddress,
            String reason,
            LocalDate targetLiftedOn,
            String targetConfidence,
            List<String> targetNotes,
            int revision,
            String targetLiftedPrecision) {

        public String id() {
            return GlobalId.of("SanctionAction", rowId);
        }

        public String targetKind() {
            return vendorId != null ? "VENDOR" : "PERSON";
        }

        public String programDetail() {
            return event.programDetail();
        }

        public String actionType() {
            return event.actionType();
        }

        public String title() {
            return event.title();
        }

        public LocalDate announcedOn() {
            return event.announcedOn();
        }

        public LocalDate publishedOn() {
            return event.publishedOn();
        }

        public LocalDate effectiveOn() {
            return event.effectiveOn();
        }

        public LocalDate liftedOn() {
            return targetLiftedOn != null ? targetLiftedOn : event.liftedOn();
        }

        public String announcedOnPrecision() {
            return event.announcedOnPrecision();
        }

        public String publishedOnPrecision() {
            return event.publishedOnPrecision();
        }

        public String effectiveOnPrecision() {
            return event.effectiveOnPrecision();
        }

        public String liftedOnPrecision() {
            return targetLiftedOn != null ? targetLiftedPrecision : event.liftedOnPrecision();
        }

        /** IN_FORCE, SCHEDULED, LIFTED or NOT_BINDING (a delisting, policy or resolution). */
        public String status() {
            if (liftedOn() != null) {
                return "LIFTED";
            }
            if (!SanctionQueries.BINDING_TYPES.contains(event.actionType())) {
                return "NOT_BINDING";
            }
            return isScheduled() ? "SCHEDULED" : "IN_FORCE";
        }

        /** In force: binding, in effect (its start is not ahead of today, UTC) and not lifted (SanctionQueries.inForce). */
        public boolean isActive() {
            return liftedOn() == null && SanctionQueries.BINDING_TYPES.contains(event.actionType()) && !isScheduled();
        }

        /** Taking effect on a date still ahead. */
        public boolean isScheduled() {
            LocalDate start = event.effectiveOn() != null
                    ? event.effectiveOn()
                    : event.publishedOn() != null ? event.publishedOn() : event.announcedOn();
            return start != null && start.isAfter(todayUtc());
        }

        public String citation() {
            return event.citation();
        }

        public String documentNumber() {
            return event.documentNumber();
        }

        public String pressRelease() {
            return event.pressRelease();
        }

        public String url() {
            return event.url();
        }

        public String licenseRequirement() {
            return event.licenseRequirement();
        }

        public String licenseExceptions() {
            return event.licenseExceptions();
        }

        public String licensePolicy() {
            return event.licensePolicy();
        }

        /** The entry's own confidence, or the act's when it is lower. */
        public String confidence() {
            return SanctionQueries.lowest(targetConfidence, event.confidence());
        }

        public List<AspectConfidence> confidenceDetails() {
            return event.confidenceDetails();
        }

        public List<String> notes() {
            return java.util.stream.Stream.concat(targetNotes.stream(), event.notes().stream())
                    .toList();
        }
    }

    /** Today in UTC (the same day as SanctionQueries.TODAY_UTC). */
    public static LocalDate todayUtc() {
        return LocalDate.now(java.time.ZoneOffset.UTC);
    }
}
