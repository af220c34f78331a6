package org.vendorwatch.platform.read;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/** Every slice's {@link ReadModel}, merged: the types, root fields and verbatim arguments the compiler knows. */
@Component
public class ReadModels {

    private final Map<String, ReadType<?>> types = new HashMap<>();
    private final Map<String, ReadModel.RootField> roots = new LinkedHashMap<>();
    private final Set<String> verbatim = new HashSet<>();

    public ReadModels(List<ReadModel> models) {
        ReadModel.Declarations declarations = new ReadModel.Declarations() {
            @Override
            public <R> ReadType<R> type(String name, Class<R> row) {
                return ReadModels.this.type(name, row, true);
            }

            @Override
            public void query(String field, ReadModel.RootField sql) {
                if (roots.putIfAbsent(field, sql) != null) {
                    throw new IllegalStateException("Query." + field + " is declared twice for the compiled read path");
                }
            }

            @Override
            public void verbatim(String argument) {
                verbatim.add(argument);
            }
        };
        models.forEach(m -> m.declare(declarations));
    }

    @SuppressWarnings("unchecked")
    private <R> ReadType<R> type(String name, Class<R> row, boolean create) {
        ReadType<?> type = create ? types.computeIfAbsent(name, n -> new ReadType<>(n, row)) : types.get(name);
        if (type == null) {
            throw new NotCompiled(name);
        }
        if (type.row() != row) {
            throw new IllegalStateException(name + " is read from " + type.row().getName() + ", not " + row.getName());
        }
        return (ReadType<R>) type;
    }

    /** A declared type, read from a row of {@code row}; NotCompiled when no slice declares it. */
    <R> ReadType<R> type(String name, Class<R> row) {
        return type(name, row, false);
    }

    /** A declared type, or null. */
    @org.jspecify.annotations.Nullable
    ReadType<?> typeOrNull(String name) {
        return types.get(name);
    }

    /** The type that keeps documents, or null when none does. */
    @org.jspecify.annotations.Nullable
    ReadType<?> documentType() {
        ReadType<?> found = null;
        for (ReadType<?> t : types.values()) {
            if (t.document() != null) {
                if (found != null) {
                    throw new IllegalStateException(
                            "documents are kept for one type only: " + found.name() + " and " + t.name());
                }
                found = t;
            }
        }
        return found;
    }

    ReadModel.RootField root(String field) {
        ReadModel.RootField root = roots.get(field);
        if (root == null) {
            throw new NotCompiled("Query." + field);
        }
        return root;
    }

    boolean verbatim(String argument) {
        return verbatim.contains(argument);
    }

    /** The projected fields by type (see {@link Projection}). */
    Map<String, Set<String>> projectedFields() {
        Map<String, Set<String>> out = new TreeMap<>();
        types.forEach((name, type) -> {
            if (!type.projected().isEmpty()) {
                out.put(name, type.projected());
            }
        });
        return out;
    }

    /** Every declared field by type ({@code Query} for the root fields), sorted. */
    public Map<String, Set<String>> fields() {
        Map<String, Set<String>> out = new TreeMap<>();
        out.put("Query", Set.copyOf(roots.keySet()));
        types.forEach((name, type) -> out.put(name, type.fields()));
        return Collections.unmodifiableMap(out);
    }
}
