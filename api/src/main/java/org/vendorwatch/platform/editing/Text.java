package org.vendorwatch.platform.editing;

import java.text.Normalizer;

/**
 * What text an editor may store, and in which form. Every text is NFC-normalised (so a name typed as
 * "Cafe" + combining accent and one typed with the precomposed letter are the same name) and its
 * length is counted in characters (code points), not UTF-16 units. Three kinds:
 * <ul>
 * <li>{@link Kind#NAME}: names, codes, titles, one line: no control, format (invisible, zero-width,
 * bidirectional), line or paragraph separator characters at all; any Unicode space becomes a
 * plain space, runs of spaces become one, and a name of spaces only is empty.</li>
 * <li>{@link Kind#LINE}: one line of free text (a quote locator, a citation): as NAME, but format
 * characters other than the bidirectional controls and the byte-order mark are allowed (joiners
 * are part of some scripts).</li>
 * <li>{@link Kind#PROSE}: descriptions, summaries, quotes, notes: line breaks and tabs are allowed,
 * otherwise as LINE.</li>
 * </ul>
 * Lone surrogates (invalid UTF-16, which PostgreSQL would store as "?") are refused everywhere.
 */
public final class Text {

    private Text() {}

    public enum Kind {
        NAME,
        LINE,
        PROSE
    }

    /** The normalised text, or the reason it cannot be stored. Exactly one of the two is non-null. */
    public record Checked(String value, String problem, String code) {
        static Checked ok(String value) {
            return new Checked(value, null, null);
        }

        static Checked bad(String problem, String code) {
            return new Checked(null, problem, code);
        }
    }

    /**
     * Normalises and checks {@code raw}. A text that is empty after normalisation comes back as
     * {@code Checked.ok("")}: whether empty is allowed is the caller's rule.
     */
    public static Checked check(String raw, Kind kind, int maxCharacters) {
        String problem = forbidden(raw, kind);
        if (problem != null) {
            return Checked.bad(problem, "INVALID_CHARACTER");
        }
        String s = Normalizer.normalize(raw, Normalizer.Form.NFC);
        s = kind == Kind.PROSE ? stripProse(s) : oneLine(s);
        int length = s.codePointCount(0, s.length());
        if (length > maxCharacters) {
            return Checked.bad("may hold at most " + maxCharacters + " characters (has " + length + ")", "TOO_LONG");
        }
        return Checked.ok(s);
    }

    /** Why the text holds a character it may not, or null. */
    static String forbidden(String s, Kind kind) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (cp >= Character.MIN_SURROGATE
                    && cp <= Character.MAX_SURROGATE) { // unpaired: a pair is one code point above U+FFFF
                return "holds an invalid character (a lone UTF-16 surrogate, U+" + String.format("%04X", cp)
                        + ") at character " + (s.codePointCount(0, i) + 1);
            }
            String what = classify(cp, kind);
            if (what != null) {
                return "holds " + what + " (U+" + String.format("%04X", cp) + ") at character "
                        + (s.codePointCount(0, i) + 1);
            }
            i += Character.charCount(cp);
        }
        return null;
    }

    private static String classify(int cp, Kind kind) {
        if (cp == '\n' || cp == '\t' || cp == '\r') {
            return kind == Kind.PROSE ? null : "a line break or tab";
        }
        int type = Character.getType(cp);
        if (type == Character.CONTROL) {
            return "a control character";
        }
        if (type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
            return "a line or paragraph separator";
        }
        if (isBidiControl(cp) || cp == 0xFEFF) {
            return "an invisible bidirectional control or byte-order mark";
        }
        if (type == Character.FORMAT && kind == Kind.NAME) {
            return "an invisible format character";
        }
        if (type == Character.PRIVATE_USE || type == Character.UNASSIGNED && !Character.isDefined(cp)) {
            return "an unassigned or private-use character";
        }
        return null;
    }

    private static boolean isBidiControl(int cp) {
        return cp == 0x061C
                || cp == 0x200E
                || cp == 0x200F
                || (cp >= 0x202A && cp <= 0x202E)
                || (cp >= 0x2066 && cp <= 0x2069);
    }

    /** Any Unicode space becomes a plain space, runs of them one, none at either end. */
    private static String oneLine(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (isSpace(cp)) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    /** Line endings become \n; spaces of any kind at the very start and end go, the inside is kept as written. */
    private static String stripProse(String s) {
        String t = s.replace("\r\n", "\n").replace('\r', '\n');
        int start = 0;
        int end = t.length();
        while (start < end && isSpace(t.codePointAt(start))) {
            start += Character.charCount(t.codePointAt(start));
        }
        while (end > start && isSpace(t.codePointBefore(end))) {
            end -= Character.charCount(t.codePointBefore(end));
        }
        return t.substring(start, end);
    }

    private static boolean isSpace(int cp) {
        return Character.isSpaceChar(cp) || Character.isWhitespace(cp);
    }

    /** The form duplicates are compared in: NFKC, case-folded (as {@code lower(normalize(x, NFKC))} in SQL). */
    public static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(java.util.Locale.ROOT);
    }
}
