package org.vendorwatch.audit;

import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import org.vendorwatch.allegation.AllegationQueries;
import org.vendorwatch.allegation.AllegationQueries.AllegationView;
import org.vendorwatch.audit.AuditQueries.AuditEventView;
import org.vendorwatch.jurisdiction.JurisdictionQueries.VendorJurisdictionView;
import org.vendorwatch.platform.paging.Connection;
import org.vendorwatch.platform.paging.PageArgs;
import org.vendorwatch.platform.paging.ParentPage;
import org.vendorwatch.product.ProductQueries;
import org.vendorwatch.product.ProductQueries.ProductView;
import org.vendorwatch.sanction.SanctionViews.SanctionActionView;
import org.vendorwatch.sanction.SanctionViews.SanctionEventView;
import org.vendorwatch.source.SourceView;
import org.vendorwatch.vendor.VendorParts.VendorIdentifierView;
import org.vendorwatch.vendor.VendorParts.VendorNameView;
import org.vendorwatch.vendor.VendorParts.VendorNoteView;
import org.vendorwatch.vendor.VendorParts.VendorRelationshipView;
import org.vendorwatch.vendor.VendorParts.VendorStatementView;
import org.vendorwatch.vendor.VendorView;
import reactor.core.publisher.Mono;

/** History of every record and the public change log. */
@Controller
public class AuditController {

    private final AuditQueries audit;
    private final ChangeQueries changes;
    private final TrailQueries trail;
    private final org.vendorwatch.platform.auth.EditorGuard guard;

    public AuditController(
            AuditQueries audit,
            ChangeQueries changes,
            TrailQueries trail,
            org.vendorwatch.platform.auth.EditorGuard guard,
            BatchLoaderRegistry registry) {
        this.audit = audit;
        this.changes = changes;
        this.trail = trail;
        this.guard = guard;
        registry.<ParentPage<String>, Connection<AuditEventView>>forName("history")
                .registerMappedBatchLoader((keys, env) -> Mono.fromSupplier(() ->
                        ParentPage.loadAll(keys, (ids, sample) -> audit.history(sample.args(), ids, sample.page()))));
    }

    @QueryMapping
    public Connection<ChangeQueries.ChangeView> changes(
            @Argument @Nullable Integer first, @Argument @Nullable String after) {
        return changes.changes(PageArgs.of(first == null ? 100 : first, after));
    }

    @SchemaMapping(typeName = "AuditActor", field = "pseudonym")
    public String pseudonym(AuditQueries.AuditActorView actor) {
        return audit.pseudonym(actor.subject());
    }

    /** Who wrote, for signed-in editors only (the token's role: no call to the identity provider on a read). */
    @SchemaMapping(typeName = "AuditActor", field = "subject")
    public String subject(AuditQueries.AuditActorView actor) {
        return guard.signedInEditor() ? actor.subject() : null;
    }

    @SchemaMapping(typeName = "AuditActor", field = "username")
    public String username(AuditQueries.AuditActorView actor) {
        return guard.signedInEditor() ? actor.username() : null;
    }

    @QueryMapping
    public TrailQueries.TrailState auditTrail() {
        return trail.state();
    }

    @QueryMapping
    public Connection<AuditEventView> recentChanges(
            @Argument @Nullable Integer first, @Argument @Nullable String after) {
        return audit.recent(PageArgs.of(first, after));
    }

    private static CompletableFuture<Connection<AuditEventView>> load(
            DataLoader<ParentPage<String>, Connection<AuditEventView>> history,
            String type,
            long id,
            Integer first,
            String after) {
        return history.load(new ParentPage<>(id, PageArgs.of(first, after), type));
    }

    @SchemaMapping(typeName = "Vendor", field = "history")
    public CompletableFuture<Connection<AuditEventView>> vendor(
            VendorView v,
            @Argument @Nullable Integer first,
            @Argument @Nullable String after,
            DataLoader<ParentPage<String>, Connection<AuditEventView>> history) {
        return load(history, "Vendor", v.rowId(), first, after);
    }

    @SchemaMapping(typeName = "VendorName", field = "history")
    public CompletableFuture<Connection<AuditEventView>> name(
            VendorNameView v,
            @Argument @Nullable Integer first,
            @Argument @Nullable String after,
            DataLoader<ParentPage<String>, Connection<AuditEventView>> history) {
        return load(history, "VendorName", v.rowId(), first, after);
    }

    @SchemaMapping(typeName = "VendorIdentifier", field = "history")
    public CompletableFuture<Connection<AuditEventView>> identifier(
            VendorIdentifierView v,
            @Argument @Nullable Integer first,
            @Argument @Nullable String after,
            DataLoader<ParentPage<String>, Connection<AuditEventView>> history) {
        return load(history, "VendorIdentifier", v.rowId(), first, after);
    }

    @SchemaMapping(typeName = "VendorNote", field = "history")
    public CompletableFuture<Connection<AuditEventView>> note(
            VendorNoteView v,
            @Argument @Nullable Integer first,
            @Argument @Nullable String after,
            DataLoader<ParentPage<String>, Connection<AuditEventView>> history) {
        return load(history, "VendorNote", v.rowId(), first, after);
    }

    @SchemaMapping(typeName = "VendorRelationship", field = "history")
    public CompletableFuture<Connection<AuditEventView>> relationship(
            VendorRelationshipView v,
            @Argument @Nullable Integer first,
            @Argument @Nullable String after,
            DataLoader<ParentPage<String>, Connection<AuditEventView>> history) {
        return load(history, "VendorRelationship", v.rowId(), first, after);
    }

    @SchemaMapping(typeName = "VendorStatement", field = "history")
    public CompletableFuture<Connection<AuditEventView>> statement(
            VendorStatementView v,
            @Argument @Nullable Integer first,
            @Argument @Nullable String after,
            DataLoader<ParentPage<String>, Connection<AuditEventView>> history) {
        return load(history, "VendorStatement", v.rowId(), first, after);
    }

    @SchemaMapping(typeName = "VendorJurisdiction", field = "history")
    public CompletableFuture<Connection<AuditEventView>> jurisdiction(
            VendorJurisdictionView v,
            @Argument @Nullable Integer first,
            @Argument @Nullable String after,
            DataLoader<ParentPage<String>, Connection<AuditEventView>> history) {
        return load(history, "VendorJurisdiction", v.rowId(), first, after);
    }

    @SchemaMapping(typeName = "Product", field = "history")
    public CompletableFuture<Connection<AuditEventView>> product(
            ProductView v,
            @Argument @Nullable Integer first,
            @Argument @Nullable String after,
            DataLoader<ParentPage<String>, Connection<AuditEventView>> history) {
        return load(history, "Product", v.rowId(), first, after);
    }

    @SchemaMapping(typeName = "SanctionAction", field = "history")
    public CompletableFuture<Connection<AuditEventView>> sanctionAction(
            SanctionActionView v,
            @Argument @Nullable Integer first,
            @Argument @Nullable String after,
            DataLoader<ParentPage<String>, Connection<AuditEventView>> history) {
        return load(history, "SanctionAction", v.rowId(), first, after);
    }

    @SchemaMapping(typeName = "SanctionEvent", field = "history")
    public CompletableFuture<Connection<AuditEventView>> sanctionEvent(
            SanctionEventView v,
            @Argument @Nullable Integer first,
            @Argument @Nullable String after,
            DataLoader<ParentPage<String>, Connection<AuditEventView>> history) {
        return load(history, "SanctionEvent", v.rowId(), first, after);
    }

    @SchemaMapping(typeName = "Allegation", field = "history")
    public CompletableFuture<Connection<AuditEventView>> allegation(
            AllegationView v,
            @Argument @Nullable Integer first,
            @Argument @Nullable String after,
            DataLoader<ParentPage<String>, Connection<AuditEventView>> history) {
        return load(history, "Allegation", v.rowId(), first, after);
    }

    @SchemaMapping(typeName = "Source", field = "history")
    public CompletableFuture<Connection<AuditEventView>> source(
            SourceView v,
            @Argument @Nullable Integer first,
            @Argument @Nullable String after,
            DataLoader<ParentPage<String>, Connection<AuditEventView>> history) {
        return load(history, "Source", v.rowId(), first, after);
    }

    @SchemaMapping(typeName = "AllegationDevelopment", field = "history")
    public CompletableFuture<Connection<AuditEventView>> development(
            AllegationQueries.AllegationDevelopmentView v,
            @Argument @Nullable Integer first,
            @Argument @Nullable String after,
            DataLoader<ParentPage<String>, Connection<AuditEventView>> history) {
        return load(history, "AllegationDevelopment", v.rowId(), first, after);
    }

    @SchemaMapping(typeName = "ProductAttribution", field = "history")
    public CompletableFuture<Connection<AuditEventView>> attribution(
            ProductQueries.ProductAttributionView v,
            @Argument @Nullable Integer first,
            @Argument @Nullable String after,
            DataLoader<ParentPage<String>, Connection<AuditEventView>> history) {
        return load(history, "ProductVendor", v.rowId(), first, after);
    }
}
