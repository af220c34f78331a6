/** See docs/architecture.md. Types are non-null unless marked {@code @Nullable}. */
@NullMarked
package org.vendorwatch.sanction;

import org.jspecify.annotations.NullMarked;
