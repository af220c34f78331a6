package org.vendorwatch.platform.editing;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.vendorwatch.platform.graphql.ApiException;
import org.vendorwatch.platform.graphql.GlobalId;
import org.vendorwatch.platform.time.FuzzyDate;

/**
 * A mutation's input object as sent, with validating getters that collect {@link UserError}s
 * instead of throwing, so one response lists every problem. Keeps "absent" apart from "null": an
 * absent field of an update leaves the stored value alone, an explicit null clears it.
 */
public final class Input {

    public static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
    private static final Set<String> CONFIDENCE = Set.of("HIGH", "MEDIUM", "LOW");

    private final Map<String, Object> values;
    private final String path;
    private final List<UserError> errors;

    public Input(Map<String, Object> values) {
        this(values, "input", new ArrayList<>());
    }

    private Input(Map<String, Object> values, String path, List<UserError> errors) {
        this.values = values == null ? Map.of() : values;
        this.path = path;
        this.errors = errors;
    }

    public List<UserError> errors() {
        return errors;
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    public boolean has(String field) {
        return values.containsKey(field);
    }

    public void error(String field, String message, String code) {
        errors.add(new UserError(field == null ? path : path + "." + field, message, code));
    }

    private String at(String field) {
        return path + "." + field;
    }

    /** A trimmed string of at most {@code max} characters; null when absent or null (an error if required). */
    public String text(String field, int max, boolean required) {
        Object v = values.get(field);
        if (v == null) {
            if (required) {
                error(field, field + " is required.", "REQUIRED");
            }
            return null;
        }
        String s = v.toString().strip();
        if (hasControlCharacters(s)) {
            error(field, field + " contains control characters.", "INVALID_VALUE");
            return null;
        }
        if (s.isEmpty()) {
            if (required) {
                error(field, field + " must not be empty.", "REQUIRED");
            }
            return null;
        }
        if (s.length() > max) {
            error(field, field + " may hold at most " + max + " characters (has " + s.length() + ").", "TOO_LONG");
            return null;
        }
        return s;
    }

    public String slug(String field, boolean required) {
        String s = text(field, 100, required);
        if (s != null && !SLUG.matcher(s).matches()) {
            error(field, field + " must be lowercase letters, digits and single hyphens, e.g. nso-group.", "INVALID_SLUG");
            return null;
        }
        return s;
    }

    /** An enum value (GraphQL has checked it already); null when absent. */
    public String enumValue(String field, boolean required) {
        Object v = values.get(field);
        if (v == null && required) {
            error(field, field + " is required.", "REQUIRED");
        }
        return v == null ? null : v.toString();
    }

    public String confidence(String field, boolean required) {
        String c = enumValue(field, required);
        if (c != null && !CONFIDENCE.contains(c)) {
            error(field, "confidence must be HIGH, MEDIUM or LOW.", "INVALID_VALUE");
            return null;
        }
        return c;
    }

    public Integer integer(String field, int min, int max) {
        Object v = values.get(field);
        if (v == null) {
            return null;
        }
        int i = ((Number) v).intValue();
        if (i < min || i > max) {
            error(field, field + " must be between " + min + " and " + max + ".", "INVALID_VALUE");
            return null;
        }
        return i;
    }

    public Boolean bool(String field) {
        Object v = values.get(field);
        return v == null ? null : (Boolean) v;
    }

    /** A date as YYYY-MM-DD, YYYY-MM or YYYY; never in the future. */
    public FuzzyDate fuzzyDate(String field, boolean required) {
        String s = text(field, 10, required);
        if (s == null) {
            return null;
        }
        try {
            FuzzyDate d = FuzzyDate.parse(s);
            if (d.date().isAfter(LocalDate.now())) {
                error(field, field + " lies in the future.", "FUTURE_DATE");
                return null;
            }
            return d;
        } catch (IllegalArgumentException e) {
            error(field, field + " must be a date: YYYY-MM-DD, YYYY-MM or YYYY.", "INVALID_DATE");
            return null;
        }
    }

    /** A full date (the GraphQL Date scalar has parsed it); optionally never in the future. */
    public LocalDate date(String field, boolean required, boolean notFuture) {
        Object v = values.get(field);
        if (v == null) {
            if (required) {
                error(field, field + " is required.", "REQUIRED");
            }
            return null;
        }
        LocalDate d = (LocalDate) v;
        if (notFuture && d.isAfter(LocalDate.now())) {
            error(field, field + " lies in the future.", "FUTURE_DATE");
            return null;
        }
        return d;
    }

    /** An http(s) URL, normalised (see {@link Urls}). */
    public String url(String field, boolean required) {
        String s = text(field, 2000, required);
        if (s == null) {
            return null;
        }
        String normalised = Urls.normalise(s);
        if (normalised == null) {
            error(field, field + " must be an absolute http or https URL.", "INVALID_URL");
        } else if (normalised.length() > 2000) {
            error(field, field + " may hold at most 2000 characters.", "TOO_LONG");
            return null;
        }
        return normalised;
    }

    /** A country code: two letters (whether the country exists is checked against the database). */
    public String country(String field) {
        String s = text(field, 2, true);
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

    /** A global id of one of the given types; its row id, or null (with an error) when malformed. */
    public Long id(String field, boolean required, String... types) {
        Object v = values.get(field);
        if (v == null) {
            if (required) {
                error(field, field + " is required.", "REQUIRED");
            }
            return null;
        }
        try {
            GlobalId g = GlobalId.parse(v.toString());
            if (!List.of(types).contains(g.type())) {
                error(field, field + " must be the id of a " + String.join(" or ", types) + ".", "INVALID_ID");
                return null;
            }
            return g.rowId();
        } catch (ApiException e) {
            error(field, field + " is not an id issued by this API.", "INVALID_ID");
            return null;
        }
    }

    /** The global id, parsed, of any of the given types. */
    public GlobalId globalId(String field, String... types) {
        Object v = values.get(field);
        if (v == null) {
            error(field, field + " is required.", "REQUIRED");
            return null;
        }
        try {
            GlobalId g = GlobalId.parse(v.toString());
            if (!List.of(types).contains(g.type())) {
                error(field, field + " must be the id of a " + String.join(", ", types) + ".", "INVALID_ID");
                return null;
            }
            return g;
        } catch (ApiException e) {
            error(field, field + " is not an id issued by this API.", "INVALID_ID");
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    public List<String> strings(String field, int maxItems, int maxLength) {
        Object v = values.get(field);
        if (v == null) {
            return null;
        }
        List<Object> list = (List<Object>) v;
        if (list.size() > maxItems) {
            error(field, field + " may hold at most " + maxItems + " items.", "TOO_LONG");
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            String s = o.toString().strip();
            if (hasControlCharacters(s)) {
                error(field, field + " items contain control characters.", "INVALID_VALUE");
                return null;
            }
            if (s.length() > maxLength) {
                error(field, field + " items may hold at most " + maxLength + " characters.", "TOO_LONG");
                return null;
            }
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** A nested input object. */
    @SuppressWarnings("unchecked")
    public Input object(String field) {
        Object v = values.get(field);
        return v == null ? null : new Input((Map<String, Object>) v, at(field), errors);
    }

    /** A list of nested input objects (at most {@code maxItems}); empty when absent. */
    @SuppressWarnings("unchecked")
    public List<Input> objects(String field, int maxItems) {
        Object v = values.get(field);
        if (v == null) {
            return List.of();
        }
        List<Object> list = (List<Object>) v;
        if (list.size() > maxItems) {
            error(field, field + " may hold at most " + maxItems + " items.", "TOO_LONG");
            return List.of();
        }
        List<Input> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(new Input((Map<String, Object>) list.get(i), at(field) + "[" + i + "]", errors));
        }
        return out;
    }

    /** True for NUL and other control characters (tab, line breaks allowed): PostgreSQL text cannot hold NUL. */
    public static boolean hasControlCharacters(String s) {
        return s.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f);
    }

    /** This input as the only item of a list field of a wrapper input (to reuse list validators). */
    public Input wrapAsList(String field) {
        return new Input(Map.of(field, List.of(values)), path, errors);
    }

    /** The revision the editor last saw; required for every update. */
    public int expectedRevision() {
        Integer r = integer("expectedRevision", 1, Integer.MAX_VALUE);
        if (r == null) {
            if (!has("expectedRevision")) {
                error("expectedRevision", "expectedRevision is required.", "REQUIRED");
            }
            return -1;
        }
        return r;
    }
}
