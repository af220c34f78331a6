/** See docs/architecture.md. Types are non-null unless marked {@code @Nullable}. */
@NullMarked
package org.vendorwatch.curation;

import org.jspecify.annotations.NullMarked;
