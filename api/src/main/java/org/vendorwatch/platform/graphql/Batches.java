package org.vendorwatch.platform.graphql;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Helpers for batch mappings: every source object gets an entry, never a missing key. */
public final class Batches {

    private Batches() {}

    /** For each item, the list found under its key (empty when none). */
    public static <T, K, V> Map<T, List<V>> byKey(
            List<T> items, Function<T, K> key, Function<Collection<K>, Map<K, List<V>>> load) {
        Map<K, List<V>> found = load.apply(items.stream().map(key).distinct().toList());
        Map<T, List<V>> out = new LinkedHashMap<>();
        items.forEach(i -> out.put(i, found.getOrDefault(key.apply(i), List.of())));
        return out;
    }
}
