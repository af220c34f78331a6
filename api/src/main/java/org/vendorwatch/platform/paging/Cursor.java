package org.vendorwatch.platform.paging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.vendorwatch.platform.graphql.ApiException;
import org.vendorwatch.platform.graphql.ErrorCode;

/**
 * An opaque keyset cursor: the sort key values of the last row seen, tagged with the list and order
 * they belong to, so a cursor from one list cannot be replayed on another. Encoded as base64url of
 * tab-separated, percent-escaped values.
 */
public record Cursor(String scope, List<String> values) {

    public String encode() {
        StringBuilder sb = new StringBuilder(escape(scope));
        for (String v : values) {
            sb.append('\t').append(v == null ? "\u0000" : escape(v));
        }
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor issued for {@code scope} with {@code arity} values, or throws INVALID_CURSOR. */
    public static Cursor decode(String encoded, String scope, int arity) {
        if (encoded == null) {
            return null;
        }
        if (encoded.isEmpty() || encoded.length() > 1000) {
            throw invalid();
        }
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        String[] parts = raw.split("\t", -1);
        if (parts.length != arity + 1 || !unescape(parts[0]).equals(scope)) {
            throw invalid();
        }
        List<String> values = new ArrayList<>(arity);
        for (int i = 1; i < parts.length; i++) {
            values.add("\u0000".equals(parts[i]) ? null : unescape(parts[i]));
        }
        return new Cursor(scope, values);
    }

    public String value(int i) {
        return values.get(i);
    }

    public long longValue(int i) {
        try {
            return Long.parseLong(values.get(i));
        } catch (NumberFormatException | NullPointerException e) {
            throw invalid();
        }
    }

    public java.time.LocalDate dateValue(int i) {
        try {
            return java.time.LocalDate.parse(values.get(i));
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    public java.time.OffsetDateTime timeValue(int i) {
        try {
            return java.time.OffsetDateTime.parse(values.get(i));
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    private static String escape(String s) {
        return s.replace("%", "%25").replace("\t", "%09").replace("\u0000", "%00");
    }

    private static String unescape(String s) {
        return s.replace("%00", "\u0000").replace("%09", "\t").replace("%25", "%");
    }

    private static ApiException invalid() {
        return new ApiException(
                ErrorCode.INVALID_CURSOR,
                "Not a valid cursor for this list. Use an endCursor returned by the same list with the same orderBy.");
    }
}
