package org.vendorwatch.platform.graphql;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The confidence of one aspect of a claim. */
public record AspectConfidence(String aspect, String confidence) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Parses {"aspect": "HIGH", ...}; aspects sorted by name. */
    public static List<AspectConfidence> parse(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        Map<String, String> map = JSON.readValue(json, new TypeReference<Map<String, String>>() {});
        List<AspectConfidence> out = new ArrayList<>();
        map.forEach((k, v) -> out.add(new AspectConfidence(k, v)));
        out.sort(Comparator.comparing(AspectConfidence::aspect));
        return out;
    }
}
