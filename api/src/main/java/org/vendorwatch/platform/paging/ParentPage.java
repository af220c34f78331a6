package org.vendorwatch.platform.paging;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * DataLoader key for a child connection with arguments (e.g. {@code Vendor.allegations(first, after,
 * status)}): the parent id plus the arguments. Keys sharing arguments are loaded together.
 */
public record ParentPage<A>(long parentId, PageArgs page, A args) {

    /** Loads every key, one query per distinct (page, args) combination (in practice one). */
    public static <A, V> Map<ParentPage<A>, Connection<V>> loadAll(
            Collection<ParentPage<A>> keys, BiFunction<List<Long>, ParentPage<A>, Map<Long, Connection<V>>> loader) {
        Map<ParentPage<A>, Connection<V>> out = new HashMap<>();
        keys.stream()
                .collect(Collectors.groupingBy(k -> List.of(k.page(), k.args() == null ? List.of() : k.args())))
                .values()
                .forEach(group -> {
                    ParentPage<A> sample = group.getFirst();
                    Map<Long, Connection<V>> pages = loader.apply(
                            group.stream().map(ParentPage::parentId).distinct().toList(), sample);
                    group.forEach(k -> out.put(k, pages.get(k.parentId())));
                });
        return out;
    }
}
