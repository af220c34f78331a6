package org.vendorwatch.platform.read;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A view that carries its type's {@link Projection}: the values of its declared scalar fields, by name. */
public interface Projected {

    Map<String, @Nullable Object> projected();
}
