package org.vendorwatch.node;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import org.vendorwatch.allegation.AllegationQueries;
import org.vendorwatch.platform.graphql.ApiException;
import org.vendorwatch.platform.graphql.ErrorCode;
import org.vendorwatch.platform.graphql.GlobalId;
import org.vendorwatch.product.ProductQueries;
import org.vendorwatch.sanction.SanctionQueries;
import org.vendorwatch.source.SourceQueries;
import org.vendorwatch.vendor.VendorQueries;

/**
 * {@code node(id)} and {@code nodes(ids)}: any object by its global id, batched per type. An id whose
 * record was withdrawn answers its {@code WithdrawnRecord}; the id of a vendor merged into another,
 * its {@code MergedVendor}.
 */
@Controller
public class NodeController {

    public static final int MAX_IDS = 100;

    private final Map<String, Function<Collection<Long>, Map<Long, ?>>> loaders = new HashMap<>();

    private final org.vendorwatch.curation.CurationQueries curation;

    public NodeController(
            VendorQueries vendors,
            SanctionQueries sanctions,
            AllegationQueries allegations,
            ProductQueries products,
            SourceQueries sources,
            org.vendorwatch.curation.CurationQueries curation) {
        this.curation = curation;
        loaders.put("Vendor", vendors::byIds);
        loaders.put("VendorStatement", vendors::statementsByIds);
        loaders.put("SanctionAction", sanctions::actionsByIds);
        loaders.put("SanctionEvent", sanctions::eventsByIds);
        loaders.put("Allegation", allegations::byIds);
        loaders.put("Product", products::byIds);
        loaders.put("Source", sources::byIds);
    }

    @QueryMapping
    public @Nullable Object node(@Argument String id) {
        return nodes(List.of(id)).getFirst();
    }

    @QueryMapping
    public List<@Nullable Object> nodes(@Argument List<String> ids) {
        if (ids.size() > MAX_IDS) {
            throw new ApiException(
                    ErrorCode.INPUT_LIST_TOO_LONG,
                    "ids may hold at most " + MAX_IDS + " ids (was " + ids.size() + ").");
        }
        List<GlobalId> parsed = ids.stream().map(GlobalId::parse).toList();
        Map<String, List<Long>> byType = new HashMap<>();
        parsed.forEach(
                g -> byType.computeIfAbsent(g.type(), t -> new ArrayList<>()).add(g.rowId()));
        Map<String, Map<Long, Object>> found = new HashMap<>();
        byType.forEach((type, rowIds) -> {
            Map<Long, Object> live =
                    new HashMap<>(loaders.containsKey(type) ? loaders.get(type).apply(rowIds) : Map.of());
            List<Long> gone =
                    rowIds.stream().filter(id -> !live.containsKey(id)).toList();
            if (!gone.isEmpty()) {
                if (type.equals("Vendor")) {
                    live.putAll(curation.merged(gone));
                }
                curation.withdrawn(type, gone).forEach(live::putIfAbsent);
            }
            found.put(type, live);
        });
        List<Object> out = new ArrayList<>(parsed.size());
        parsed.forEach(g -> out.add(found.get(g.type()).get(g.rowId())));
        return out;
    }
}
