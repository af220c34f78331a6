package org.vendorwatch.platform.editing;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * URL normalisation, so one document is one source: http(s) only, lower-case scheme and host, no
 * default port, no fragment, no tracking parameters (utm_*, fbclid, gclid). The path is kept as
 * written (servers differ on trailing slashes and case).
 */
public final class Urls {

    private Urls() {}

    /** The normalised URL, or null when it is not an absolute http(s) URL. */
    public static String normalise(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            URI u = new URI(raw.strip());
            String scheme = u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT);
            if (!"http".equals(scheme) && !"https".equals(scheme)
                    || u.getHost() == null
                    || u.getRawUserInfo() != null) {
                return null;
            }
            int port = u.getPort();
            if (port == 80 && scheme.equals("http") || port == 443 && scheme.equals("https")) {
                port = -1;
            }
            String query = u.getRawQuery();
            if (query != null) {
                List<String> kept = new ArrayList<>();
                for (String p : query.split("&")) {
                    String name = p.contains("=") ? p.substring(0, p.indexOf('=')) : p;
                    String lower = name.toLowerCase(Locale.ROOT);
                    if (!p.isEmpty()
                            && !lower.startsWith("utm_")
                            && !lower.equals("fbclid")
                            && !lower.equals("gclid")) {
                        kept.add(p);
                    }
                }
                query = kept.isEmpty() ? null : String.join("&", kept);
            }
            StringBuilder sb =
                    new StringBuilder(scheme).append("://").append(u.getHost().toLowerCase(Locale.ROOT));
            if (port != -1) {
                sb.append(':').append(port);
            }
            String path = u.getRawPath();
            sb.append(path == null || path.isEmpty() ? "/" : path);
            if (query != null) {
                sb.append('?').append(query);
            }
            return sb.toString();
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
