package org.vendorwatch.platform.editing;

import java.util.Map;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;

/** Row-level helpers for commands: optimistic locking and revisioned updates. */
@Component
public class Rows {

    private final DSLContext dsl;

    public Rows(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Locks the row and checks the revision the editor read. Returns null when it matches, else the
     * user error to report (NOT_FOUND or STALE_REVISION). Locking makes concurrent editors queue:
     * the second one sees the first one's revision and gets STALE_REVISION.
     */
    public UserError checkRevision(Table<?> table, long id, int expected, String what) {
        Field<Integer> revision = DSL.field(DSL.name("revision"), Integer.class);
        Integer current = dsl.select(revision).from(table).where(DSL.field(DSL.name("id"), Long.class).eq(id))
                .forUpdate().fetchOne(revision);
        if (current == null) {
            return new UserError("input.id", "No such " + what + ".", "NOT_FOUND");
        }
        if (current != expected) {
            return new UserError("input.expectedRevision", "The " + what + " changed since you read it (revision "
                    + expected + ", now " + current + "). Reload it and apply your change again.", "STALE_REVISION");
        }
        return null;
    }

    /** Updates the row's fields, bumps its revision and updated_at. */
    public void update(Table<?> table, long id, Map<Field<?>, Object> values) {
        Field<Integer> revision = DSL.field(DSL.name("revision"), Integer.class);
        dsl.update(table).set(values).set(revision, revision.plus(1))
                .set(DSL.field(DSL.name("updated_at"), java.time.OffsetDateTime.class), DSL.currentOffsetDateTime())
                .where(DSL.field(DSL.name("id"), Long.class).eq(id)).execute();
    }

    /** Bumps the row's revision (a change to records attached to it, e.g. a vendor's ties). */
    public void touch(Table<?> table, long id) {
        update(table, id, Map.of());
    }

    public boolean exists(Table<?> table, long id) {
        return dsl.fetchExists(table, DSL.field(DSL.name("id"), Long.class).eq(id));
    }
}
