package org.vendorwatch.bulk;

import java.util.List;
import java.util.Map;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.stereotype.Controller;
import org.vendorwatch.audit.ChangeQueries.ChangeView;
import org.vendorwatch.bulk.BulkRowQueries.BulkRowView;

/** GraphQL binding of {@code Change.bulkRows}: the bulk rows a change touches, for a whole page at once. */
@Controller
public class BulkRowsController {

    private final BulkRowQueries rows;

    public BulkRowsController(BulkRowQueries rows) {
        this.rows = rows;
    }

    @BatchMapping(typeName = "Change", field = "bulkRows")
    public Map<ChangeView, List<BulkRowView>> bulkRows(List<ChangeView> changes) {
        return rows.bulkRows(changes);
    }
}
