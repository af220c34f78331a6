package org.vendorwatch.sanction;

import java.util.List;

import org.vendorwatch.platform.editing.UserError;
import org.vendorwatch.sanction.SanctionViews.SanctionActionView;

/** Payload of the sanction mutations: the action written (null on failure) and the user errors. */
public record SanctionActionPayload(SanctionActionView sanctionAction, List<UserError> userErrors) {
    static SanctionActionPayload failed(List<UserError> errors) {
        return new SanctionActionPayload(null, errors);
    }
}
