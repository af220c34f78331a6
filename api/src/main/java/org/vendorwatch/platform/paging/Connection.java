package org.vendorwatch.platform.paging;

import java.util.List;
import java.util.function.Function;

/**
 * A Relay connection page. {@code totalCount} is a supplier so the count query runs only when a
 * client asks for it.
 */
public record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo, java.util.function.Supplier<Integer> total) {

    public record Edge<T>(String cursor, T node) {}

    public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {}

    public int totalCount() {
        return total.get();
    }

    /**
     * Builds a page from rows fetched with a limit of {@code first + 1}: the extra row, if present,
     * only tells that a next page exists.
     */
    public static <T> Connection<T> of(
            List<T> rowsPlusOne,
            PageArgs page,
            Function<T, Cursor> cursorOf,
            java.util.function.Supplier<Integer> total) {
        boolean hasNext = rowsPlusOne.size() > page.first();
        List<T> rows = hasNext ? rowsPlusOne.subList(0, page.first()) : rowsPlusOne;
        List<Edge<T>> edges = rows.stream()
                .map(r -> new Edge<>(cursorOf.apply(r).encode(), r))
                .toList();
        return new Connection<>(
                edges,
                new PageInfo(
                        hasNext,
                        page.after() != null,
                        edges.isEmpty() ? null : edges.getFirst().cursor(),
                        edges.isEmpty() ? null : edges.getLast().cursor()),
                total);
    }
}
