package org.vendorwatch.allegation;

import java.util.List;
import java.util.function.LongFunction;
import org.vendorwatch.allegation.AllegationQueries.AllegationDevelopmentView;
import org.vendorwatch.allegation.AllegationQueries.AllegationView;
import org.vendorwatch.platform.editing.Edits.Outcome;
import org.vendorwatch.platform.editing.UserError;

/** Payload of the allegation mutations: the allegation after the write (null when refused), whether it changed, the user errors. */
public record AllegationPayload(AllegationView allegation, boolean changed, List<UserError> userErrors) {

    static AllegationPayload of(Outcome o, LongFunction<AllegationView> load) {
        return new AllegationPayload(o.ok() && o.id() != null ? load.apply(o.id()) : null, o.changed(), o.errors());
    }

    /** Payload of the development mutations. */
    public record DevelopmentPayload(
            AllegationDevelopmentView development, boolean changed, List<UserError> userErrors) {
        static DevelopmentPayload of(Outcome o, LongFunction<AllegationDevelopmentView> load) {
            return new DevelopmentPayload(
                    o.ok() && o.id() != null ? load.apply(o.id()) : null, o.changed(), o.errors());
        }
    }
}
