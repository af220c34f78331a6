package org.vendorwatch.platform.graphql;

/** Test access to the package-private database error mapping. */
public final class ErrorHandlingAccess {

    private ErrorHandlingAccess() {}

    public static ApiException fromDatabase(Throwable t) {
        return ErrorHandling.fromDatabase(t);
    }
}
