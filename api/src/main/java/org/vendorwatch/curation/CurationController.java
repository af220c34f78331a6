package org.vendorwatch.curation;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import org.vendorwatch.audit.AuditQueries.AuditEventView;
import org.vendorwatch.curation.CurationCommands.ResolvePayload;
import org.vendorwatch.curation.CurationCommands.WithdrawPayload;
import org.vendorwatch.curation.CurationInputs.ResolveSeedConflictInput;
import org.vendorwatch.curation.CurationInputs.WithdrawRecordInput;
import org.vendorwatch.curation.CurationQueries.MergedVendorView;
import org.vendorwatch.curation.CurationQueries.SeedConflictView;
import org.vendorwatch.curation.CurationQueries.WithdrawnRecordView;
import org.vendorwatch.platform.graphql.Batches;
import org.vendorwatch.platform.paging.Connection;
import org.vendorwatch.platform.paging.PageArgs;
import org.vendorwatch.platform.paging.ParentPage;
import org.vendorwatch.vendor.VendorQueries;
import org.vendorwatch.vendor.VendorView;

/** GraphQL bindings of curation: withdrawals, merged vendors, seed conflicts. */
@Controller
public class CurationController {

    private final CurationCommands commands;
    private final CurationQueries curation;
    private final VendorQueries vendors;

    public CurationController(CurationCommands commands, CurationQueries curation, VendorQueries vendors) {
        this.commands = commands;
        this.curation = curation;
        this.vendors = vendors;
    }

    @MutationMapping
    public WithdrawPayload withdrawRecord(@Argument WithdrawRecordInput input) {
        return commands.withdrawRecord(input);
    }

    @MutationMapping
    public ResolvePayload resolveSeedConflict(@Argument ResolveSeedConflictInput input) {
        return commands.resolveSeedConflict(input);
    }

    @MutationMapping
    public CurationCommands.RedactPayload redactValue(@Argument CurationInputs.RedactValueInput input) {
        return commands.redactValue(input);
    }

    @QueryMapping
    public Connection<SeedConflictView> seedConflicts(
            @Argument @Nullable Integer first, @Argument @Nullable String after, @Argument @Nullable Boolean open) {
        return curation.conflicts(open == null || open, PageArgs.of(first, after));
    }

    @BatchMapping(typeName = "Vendor")
    public Map<VendorView, List<MergedVendorView>> mergedFrom(List<VendorView> list) {
        return Batches.byKey(list, VendorView::rowId, curation::mergedInto);
    }

    @BatchMapping(typeName = "MergedVendor")
    public Map<MergedVendorView, VendorView> mergedInto(List<MergedVendorView> list) {
        Map<Long, VendorView> found = vendors.byIds(
                list.stream().map(MergedVendorView::survivorId).distinct().toList());
        Map<MergedVendorView, VendorView> out = new java.util.LinkedHashMap<>();
        list.forEach(m -> out.put(m, found.get(m.survivorId())));
        return out;
    }

    @SchemaMapping(typeName = "WithdrawnRecord", field = "history")
    public CompletableFuture<Connection<AuditEventView>> withdrawnHistory(
            WithdrawnRecordView w,
            @Argument @Nullable Integer first,
            @Argument @Nullable String after,
            DataLoader<ParentPage<String>, Connection<AuditEventView>> history) {
        return history.load(new ParentPage<>(w.recordId(), PageArgs.of(first, after), w.recordType()));
    }

    @SchemaMapping(typeName = "MergedVendor", field = "history")
    public CompletableFuture<Connection<AuditEventView>> mergedHistory(
            MergedVendorView m,
            @Argument @Nullable Integer first,
            @Argument @Nullable String after,
            DataLoader<ParentPage<String>, Connection<AuditEventView>> history) {
        return history.load(new ParentPage<>(m.mergedId(), PageArgs.of(first, after), "Vendor"));
    }
}
