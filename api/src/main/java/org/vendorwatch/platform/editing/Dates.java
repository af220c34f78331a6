package org.vendorwatch.platform.editing;

import java.time.LocalDate;
import org.vendorwatch.platform.time.FuzzyDate;

/**
 * The bounds every date an editor writes must keep, in one place. Dates take one fuzzy form
 * everywhere ({@code YYYY-MM-DD}, {@code YYYY-MM} or {@code YYYY}) and none lies before 1800. A date
 * of something that has happened (a report, a statement, an announcement, a lifting) lies no later
 * than today; only the date a sanction takes effect may lie ahead, by at most a year: such an
 * action is scheduled, and in force only from that day.
 */
public final class Dates {

    private Dates() {}

    public static final LocalDate EARLIEST = LocalDate.of(1800, 1, 1);
    /** How far ahead a scheduled date may lie. */
    public static final int MAX_DAYS_AHEAD = 366;

    public enum Rule {
        /** Something that has happened: from 1800 to today. */
        PAST,
        /** When a sanction takes effect: from 1800 to a year from today. */
        SCHEDULABLE
    }

    static String describe(Rule rule) {
        return rule == Rule.PAST ? "from 1800 to today" : "from 1800 to a year from today";
    }

    /** Why the date is out of the rule's bounds, or null. */
    static String outOfBounds(FuzzyDate d, Rule rule) {
        if (d.date().isBefore(EARLIEST)) {
            return "lies before 1800";
        }
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        LocalDate latest = rule == Rule.PAST ? today : today.plusDays(MAX_DAYS_AHEAD);
        if (d.date().isAfter(latest)) {
            return rule == Rule.PAST ? "lies in the future" : "lies in the future by more than a year";
        }
        return null;
    }

    /** True when every day {@code a} may stand for lies before every day {@code b} may stand for. */
    public static boolean certainlyBefore(FuzzyDate a, FuzzyDate b) {
        return a.lastDay().isBefore(b.date());
    }
}
