package org.vendorwatch.sanction;

import java.util.List;
import java.util.function.LongFunction;
import org.vendorwatch.platform.editing.Edits.Outcome;
import org.vendorwatch.platform.editing.UserError;
import org.vendorwatch.sanction.SanctionViews.SanctionActionView;
import org.vendorwatch.sanction.SanctionViews.SanctionAuthorityView;
import org.vendorwatch.sanction.SanctionViews.SanctionEventView;
import org.vendorwatch.sanction.SanctionViews.SanctionProgramView;

/** Payloads of the sanction mutations: the record after the write (null when refused), whether it changed, the user errors. */
public final class SanctionPayloads {

    private SanctionPayloads() {}

    static <V> V record(Outcome o, LongFunction<V> load) {
        return o.ok() && o.id() != null ? load.apply(o.id()) : null;
    }

    public record SanctionActionPayload(
            SanctionActionView sanctionAction, boolean changed, List<UserError> userErrors) {
        static SanctionActionPayload of(Outcome o, LongFunction<SanctionActionView> load) {
            return new SanctionActionPayload(record(o, load), o.changed(), o.errors());
        }
    }

    public record SanctionEventPayload(SanctionEventView sanctionEvent, boolean changed, List<UserError> userErrors) {
        static SanctionEventPayload of(Outcome o, LongFunction<SanctionEventView> load) {
            return new SanctionEventPayload(record(o, load), o.changed(), o.errors());
        }
    }

    public record AuthorityPayload(SanctionAuthorityView authority, boolean changed, List<UserError> userErrors) {
        static AuthorityPayload of(Outcome o, LongFunction<SanctionAuthorityView> load) {
            return new AuthorityPayload(record(o, load), o.changed(), o.errors());
        }
    }

    public record ProgramPayload(SanctionProgramView program, boolean changed, List<UserError> userErrors) {
        static ProgramPayload of(Outcome o, LongFunction<SanctionProgramView> load) {
            return new ProgramPayload(record(o, load), o.changed(), o.errors());
        }
    }
}
