package org.vendorwatch.platform.editing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.vendorwatch.platform.graphql.ApiException;
import org.vendorwatch.platform.graphql.GlobalId;
import org.vendorwatch.platform.time.FuzzyDate;

/**
 * The validation of one mutation's input: converters that turn what the client sent (already bound
 * to a typed input record by Spring for GraphQL) into what may be stored, recording a
 * {@link UserError} with its field path for every problem instead of throwing, so that one answer
 * lists them all. A converter returns null when the value is absent or refused; {@link #ok()} tells
 * which. Nested objects and list items get their own path ({@link #at(String)}).
 */
public final class Form {

    public static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
    public static final Pattern CODE = Pattern.compile("^[A-Z][A-Z0-9_]{1,40}$");
    public static final Pattern ASPECT = Pattern.compile("^[a-z][a-z0-9_]{0,59}$");
    /** The most a reason, change note or status reason may hold. */
    public static final int REASON_MAX = 2000;

    private final String path;
    private final List<UserError> errors;

    private Form(String path, List<UserError> errors) {
        this.path = path;
        this.errors = errors;
    }

    /** The form of a mutation's {@code input} argument. */
    public static Form input() {
        return new Form("input", new ArrayList<>());
    }

    /** The same form, at a nested input object. */
    public Form at(String field) {
        return new Form(path + "." + field, errors);
    }

    /** The same form, at an item of a list. */
    public Form at(String field, int index) {
        return new Form(path + "." + field + "[" + index + "]", errors);
    }

    public List<UserError> errors() {
        return errors;
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    /** Records a problem with {@code field} (null: the object itself). */
    public void error(String field, String message, String code) {
        errors.add(new UserError(field == null ? path : path + "." + field, message, code));
    }

    // --- text ------------------------------------------------------------------------------------

    /** A name, code or title: one line, no invisible characters (see {@link Text}). */
    public String name(String field, String raw, int max, boolean required) {
        return text(field, raw, Text.Kind.NAME, max, required);
    }

    /** One line of free text. */
    public String line(String field, String raw, int max, boolean required) {
        return text(field, raw, Text.Kind.LINE, max, required);
    }

    /** Free text over several lines (a description, summary, quote, note). */
    public String prose(String field, String raw, int max, boolean required) {
        return text(field, raw, Text.Kind.PROSE, max, required);
    }

    /** Why the editor writes this: kept in the history. */
    public String reason(String field, String raw, boolean required) {
        return prose(field, raw, REASON_MAX, required);
    }

    private String text(String field, String raw, Text.Kind kind, int max, boolean required) {
        if (raw == null) {
            if (required) {
                error(field, field + " is required.", "REQUIRED");
            }
            return null;
        }
        Text.Checked c = Text.check(raw, kind, max);
        if (c.problem() != null) {
            error(field, field + " " + c.problem() + ".", c.code());
            return null;
        }
        if (c.value().isEmpty()) {
            if (required) {
                error(field, field + " must not be empty (or only spaces and invisible characters).", "REQUIRED");
            }
            return null;
        }
        return c.value();
    }

    /** A list of lines (notes, listed aliases): each checked, empty ones dropped, never null. */
    public List<String> texts(String field, List<String> raw, int maxItems, Text.Kind kind, int maxEach) {
        return list(field, raw, maxItems, (name, item) -> text(name, item, kind, maxEach, false));
    }

    /** A list of http(s) URLs, each normalised (see {@link Urls}); empty ones dropped, never null. */
    public List<String> urls(String field, List<String> raw, int maxItems) {
        return list(field, raw, maxItems, (name, item) -> url(name, item, false));
    }

    /** At most {@code maxItems} items, each checked as {@code field[i]} by {@code one} (null: dropped). */
    private List<String> list(
            String field, List<String> raw, int maxItems, java.util.function.BinaryOperator<String> one) {
        if (raw == null) {
            return List.of();
        }
        if (raw.size() > maxItems) {
            error(field, field + " may hold at most " + maxItems + " items (has " + raw.size() + ").", "TOO_LONG");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String s = one.apply(field + "[" + i + "]", raw.get(i));
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    public String slug(String field, String raw, boolean required) {
        String s = name(field, raw, 100, required);
        if (s != null && !SLUG.matcher(s).matches()) {
            error(
                    field,
                    field + " must be lowercase letters, digits and single hyphens, e.g. nso-group.",
                    "INVALID_SLUG");
            return null;
        }
        return s;
    }

    /** An upper-case code such as an authority's ({@code US_BIS}). */
    public String code(String field, String raw, boolean required) {
        String s = name(field, raw, 41, required);
        if (s != null && !CODE.matcher(s).matches()) {
            error(
                    field,
                    field
                            + " must be upper-case letters, digits and underscores, starting with a letter (e.g. EU_COUNCIL).",
                    "INVALID_VALUE");
            return null;
        }
        return s;
    }

    /** An http(s) URL, normalised (see {@link Urls}). */
    public String url(String field, String raw, boolean required) {
        String s = line(field, raw, 2000, required);
        if (s == null) {
            return null;
        }
        String normalised = Urls.normalise(s);
        if (normalised == null) {
            error(field, field + " must be an absolute http or https URL.", "INVALID_URL");
            return null;
        }
        if (normalised.length() > 2000) {
            error(field, field + " may hold at most 2000 characters.", "TOO_LONG");
            return null;
        }
        return normalised;
    }

    /** A country code: two letters (whether the country exists is the caller's to check). */
    public String country(String field, String raw, boolean required) {
        String s = name(field, raw, 2, required);
        if (s == null) {
            return null;
        }
        String c = s.toUpperCase(Locale.ROOT);
        if (!c.matches("[A-Z]{2}")) {
            error(field, "Not an ISO 3166-1 alpha-2 country code: " + s, "INVALID_COUNTRY");
            return null;
        }
        return c;
    }

    /** A lowercase aspect name such as {@code founded}. */
    public String aspect(String field, String raw) {
        String s = name(field, raw, 60, false);
        if (s != null && !ASPECT.matcher(s).matches()) {
            error(field, field + " must be lowercase letters, digits and underscores.", "INVALID_VALUE");
            return null;
        }
        return s;
    }

    /** A value GraphQL has already checked (an enum, a boolean): only "required" is left to check. */
    public <T> T value(String field, T raw, boolean required) {
        if (raw == null && required) {
            error(field, field + " is required.", "REQUIRED");
        }
        return raw;
    }

    public Integer integer(String field, Integer raw, int min, int max, boolean required) {
        if (raw == null) {
            return value(field, null, required);
        }
        if (raw < min || raw > max) {
            error(field, field + " must be between " + min + " and " + max + ".", "INVALID_VALUE");
            return null;
        }
        return raw;
    }

    /** The revision the editor read: required by every change to an existing record. */
    public int revision(Integer raw) {
        Integer r = integer("expectedRevision", raw, 1, Integer.MAX_VALUE, true);
        return r == null ? -1 : r;
    }

    // --- dates -----------------------------------------------------------------------------------

    /** A date in the one fuzzy form ({@code YYYY-MM-DD}, {@code YYYY-MM} or {@code YYYY}) within the rule's bounds. */
    public FuzzyDate date(String field, String raw, Dates.Rule rule, boolean required) {
        String s = name(field, raw, 10, required);
        if (s == null) {
            return null;
        }
        FuzzyDate d;
        try {
            d = FuzzyDate.parse(s);
        } catch (IllegalArgumentException e) {
            error(
                    field,
                    field + " must be a date: YYYY-MM-DD, YYYY-MM or YYYY (" + Dates.describe(rule) + ").",
                    "INVALID_DATE");
            return null;
        }
        String problem = Dates.outOfBounds(d, rule);
        if (problem != null) {
            error(field, field + " " + problem + ".", problem.contains("future") ? "FUTURE_DATE" : "INVALID_DATE");
            return null;
        }
        return d;
    }

    /** Records a DATE_ORDER error when {@code later} certainly lies before {@code earlier}. */
    public void order(String earlierField, FuzzyDate earlier, String laterField, FuzzyDate later, String rule) {
        if (earlier != null && later != null && Dates.certainlyBefore(later, earlier)) {
            error(
                    laterField,
                    laterField + " (" + later.text() + ") lies before " + earlierField + " (" + earlier.text() + "): "
                            + rule,
                    "DATE_ORDER");
        }
    }

    // --- ids -------------------------------------------------------------------------------------

    /** The row id of a global id of one of the given types; null (with an error) when missing or malformed. */
    public Long id(String field, String raw, boolean required, String... types) {
        if (raw == null) {
            return value(field, null, required);
        }
        GlobalId g = globalId(field, raw, types);
        return g == null ? null : g.rowId();
    }

    /** A global id of one of the given types (any type when none is given). */
    public GlobalId globalId(String field, String raw, String... types) {
        if (raw == null) {
            error(field, field + " is required.", "REQUIRED");
            return null;
        }
        try {
            GlobalId g = GlobalId.parse(raw);
            if (types.length > 0 && !List.of(types).contains(g.type())) {
                error(field, field + " must be the id of a " + String.join(" or ", types) + ".", "INVALID_ID");
                return null;
            }
            return g;
        } catch (ApiException e) {
            error(field, field + " is not an id issued by this API.", "INVALID_ID");
            return null;
        }
    }

    /** Distinct row ids of a list of global ids of one type, in the order given. */
    public List<Long> ids(String field, List<String> raw, int maxItems, boolean required, String type) {
        if (raw == null || raw.isEmpty()) {
            if (required) {
                error(field, field + " must name at least one.", "REQUIRED");
            }
            return List.of();
        }
        if (raw.size() > maxItems) {
            error(field, field + " may hold at most " + maxItems + " ids.", "TOO_LONG");
            return List.of();
        }
        LinkedHashSet<Long> out = new LinkedHashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            Long id = id(field + "[" + i + "]", raw.get(i), true, type);
            if (id != null) {
                out.add(id);
            }
        }
        return List.copyOf(out);
    }
}
