package org.vendorwatch.platform.editing;

import java.util.List;

/** Helpers for mutation payloads. */
public final class Payload {

    private Payload() {
    }

    /** A single user error. */
    public static List<UserError> error(String field, String message, String code) {
        return List.of(new UserError(field, message, code));
    }
}
