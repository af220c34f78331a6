package org.vendorwatch.platform.read;

/**
 * A selection the compiled read path does not cover (a field, argument or value it has no SQL form
 * for). Not an error: the query then runs field by field through the data fetchers.
 */
public final class NotCompiled extends RuntimeException {

    public NotCompiled(String what) {
        super(what, null, false, false);
    }
}
