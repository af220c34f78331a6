package org.vendorwatch.platform.time;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * A date known to a day, a month or a year: {@code 2021-11-04}, {@code 2021-11} or {@code 2021}.
 * Stored as the first day of the period plus its precision.
 */
public record FuzzyDate(LocalDate date, Precision precision) {

    public enum Precision {
        DAY,
        MONTH,
        YEAR
    }

    public static FuzzyDate parse(String text) {
        if (text == null) {
            return null;
        }
        if (!text.matches("\\d{4}(-\\d{2}(-\\d{2})?)?") || text.compareTo("1800") < 0) {
            throw new IllegalArgumentException("not a date from 1800 on (YYYY-MM-DD, YYYY-MM or YYYY): " + text);
        }
        try {
            return switch (text.length()) {
                case 10 -> new FuzzyDate(LocalDate.parse(text), Precision.DAY);
                case 7 -> new FuzzyDate(LocalDate.parse(text + "-01"), Precision.MONTH);
                case 4 -> new FuzzyDate(LocalDate.of(Integer.parseInt(text), 1, 1), Precision.YEAR);
                default -> throw new IllegalArgumentException("not a date (YYYY-MM-DD, YYYY-MM or YYYY): " + text);
            };
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("not a date (YYYY-MM-DD, YYYY-MM or YYYY): " + text, e);
        }
    }

    /** Parses a date that must be known to the day. */
    public static LocalDate parseDay(String text) {
        FuzzyDate d = parse(text);
        if (d == null) {
            return null;
        }
        if (d.precision != Precision.DAY) {
            throw new IllegalArgumentException("a full date (YYYY-MM-DD) is required: " + text);
        }
        return d.date;
    }

    public String precisionName() {
        return precision.name();
    }

    /** The date from a stored day and precision (null when the day is null). */
    public static FuzzyDate of(LocalDate date, String precision) {
        return date == null
                ? null
                : new FuzzyDate(date, precision == null ? Precision.DAY : Precision.valueOf(precision));
    }

    /** The last day of the period. */
    public LocalDate lastDay() {
        return switch (precision) {
            case DAY -> date;
            case MONTH -> date.withDayOfMonth(date.lengthOfMonth());
            case YEAR -> date.withDayOfYear(date.lengthOfYear());
        };
    }

    /** As written: YYYY-MM-DD, YYYY-MM or YYYY. */
    public String text() {
        String iso = date.toString();
        return switch (precision) {
            case DAY -> iso;
            case MONTH -> iso.substring(0, 7);
            case YEAR -> iso.substring(0, 4);
        };
    }
}
