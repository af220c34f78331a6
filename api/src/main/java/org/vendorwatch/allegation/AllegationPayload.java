package org.vendorwatch.allegation;

import java.util.List;

import org.vendorwatch.allegation.AllegationQueries.AllegationView;
import org.vendorwatch.platform.editing.UserError;

/** Payload of the allegation mutations: the allegation written (null on failure) and the user errors. */
public record AllegationPayload(AllegationView allegation, List<UserError> userErrors) {
    static AllegationPayload failed(List<UserError> errors) {
        return new AllegationPayload(null, errors);
    }
}
