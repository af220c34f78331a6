package org.vendorwatch.platform.paging;

import org.vendorwatch.platform.graphql.ApiException;
import org.vendorwatch.platform.graphql.ErrorCode;

/** Validated {@code first}/{@code after} of a connection field. */
public record PageArgs(int first, String after) {

    public static final int DEFAULT = 20;
    public static final int MAX = 100;

    public static PageArgs of(Integer first, String after) {
        int n = first == null ? DEFAULT : first;
        if (n < 1 || n > MAX) {
            throw new ApiException(ErrorCode.PAGE_SIZE, "first must be between 1 and " + MAX + " (was " + n + ").");
        }
        return new PageArgs(n, after);
    }
}
