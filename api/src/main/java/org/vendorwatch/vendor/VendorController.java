package org.vendorwatch.vendor;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import org.vendorwatch.platform.graphql.Batches;
import org.vendorwatch.platform.paging.Connection;
import org.vendorwatch.platform.paging.PageArgs;
import org.vendorwatch.source.CitationView;
import org.vendorwatch.source.ClaimKind;
import org.vendorwatch.source.SourceQueries;
import org.vendorwatch.source.SourceView;
import org.vendorwatch.vendor.VendorParts.VendorIdentifierView;
import org.vendorwatch.vendor.VendorParts.VendorNameView;
import org.vendorwatch.vendor.VendorParts.VendorNoteView;
import org.vendorwatch.vendor.VendorParts.VendorRelationshipView;
import org.vendorwatch.vendor.VendorParts.VendorStatementView;
import reactor.core.publisher.Mono;

/** GraphQL bindings of the vendor slice: arguments in, queries out, nothing else. */
@Controller
public class VendorController {

    private final VendorQueries vendors;
    private final SourceQueries sources;

    public VendorController(VendorQueries vendors, SourceQueries sources, BatchLoaderRegistry registry) {
        this.vendors = vendors;
        this.sources = sources;
        registry.<Long, VendorView>forName("vendorById")
                .registerMappedBatchLoader((ids, env) -> Mono.fromSupplier(() -> vendors.byIds(ids)));
        registry.<Long, List<VendorNameView>>forName("vendorNames")
                .registerMappedBatchLoader((ids, env) -> Mono.fromSupplier(() -> vendors.names(ids)));
    }

    @QueryMapping
    public @Nullable VendorView vendor(@Argument String slug) {
        return vendors.bySlug(slug).orElse(null);
    }

    @QueryMapping
    public Connection<VendorView> vendors(
            @Argument @Nullable Integer first,
            @Argument @Nullable String after,
            @Argument VendorQueries.@Nullable Filter filter,
            @Argument VendorQueries.@Nullable Order orderBy) {
        return vendors.page(filter, orderBy, PageArgs.of(first, after));
    }

    @SchemaMapping(typeName = "Vendor")
    public CompletableFuture<List<VendorNameView>> names(
            VendorView vendor,
            @Argument @Nullable List<String> kinds,
            DataLoader<Long, List<VendorNameView>> vendorNames) {
        return vendorNames
                .load(vendor.rowId())
                .thenApply(all -> all == null
                        ? List.<VendorNameView>of()
                        : kinds == null
                                ? all
                                : all.stream()
                                        .filter(n -> kinds.contains(n.kind()))
                                        .toList());
    }

    @SchemaMapping(typeName = "Vendor")
    public CompletableFuture<List<VendorNameView>> aliases(
            VendorView vendor, DataLoader<Long, List<VendorNameView>> vendorNames) {
        return vendorNames
                .load(vendor.rowId())
                .thenApply(all -> all == null
                        ? List.<VendorNameView>of()
                        : all.stream()
                                .filter(n -> !n.name().equals(vendor.name()))
                                .toList());
    }

    @BatchMapping(typeName = "Vendor")
    public Map<VendorView, List<VendorIdentifierView>> identifiers(List<VendorView> list) {
        return Batches.byKey(list, VendorView::rowId, vendors::identifiers);
    }

    @BatchMapping(typeName = "Vendor")
    public Map<VendorView, List<VendorNoteView>> notes(List<VendorView> list) {
        return Batches.byKey(list, VendorView::rowId, vendors::notes);
    }

    @BatchMapping(typeName = "Vendor")
    public Map<VendorView, List<VendorStatementView>> statements(List<VendorView> list) {
        return Batches.byKey(list, VendorView::rowId, vendors::statements);
    }

    @BatchMapping(typeName = "Vendor")
    public Map<VendorView, List<VendorRelationshipView>> relationships(List<VendorView> list) {
        return Batches.byKey(list, VendorView::rowId, vendors::relationships);
    }

    @BatchMapping(typeName = "Vendor")
    public Map<VendorView, List<SourceView>> sources(List<VendorView> list) {
        return Batches.byKey(list, VendorView::rowId, sources::byVendorIds);
    }

    @BatchMapping(typeName = "Vendor")
    public Map<VendorView, List<CitationView>> foundedCitations(List<VendorView> list) {
        Map<VendorView, List<CitationView>> all = sources.citationsOf(list, ClaimKind.VENDOR, VendorView::rowId);
        all.replaceAll(
                (v, cs) -> cs.stream().filter(c -> "founded".equals(c.aspect())).toList());
        return all;
    }

    // --- names, identifiers, notes, statements, relationships: their sources ---------------------

    @BatchMapping(typeName = "VendorName", field = "citations")
    public Map<VendorNameView, List<CitationView>> nameCitations(List<VendorNameView> list) {
        return sources.citationsOf(list, ClaimKind.VENDOR_NAME, VendorNameView::rowId);
    }

    @BatchMapping(typeName = "VendorName", field = "sources")
    public Map<VendorNameView, List<SourceView>> nameSources(List<VendorNameView> list) {
        return sources.sourcesOf(list, ClaimKind.VENDOR_NAME, VendorNameView::rowId);
    }

    @BatchMapping(typeName = "VendorIdentifier", field = "citations")
    public Map<VendorIdentifierView, List<CitationView>> identifierCitations(List<VendorIdentifierView> list) {
        return sources.citationsOf(list, ClaimKind.VENDOR_IDENTIFIER, VendorIdentifierView::rowId);
    }

    @BatchMapping(typeName = "VendorNote", field = "citations")
    public Map<VendorNoteView, List<CitationView>> noteCitations(List<VendorNoteView> list) {
        return sources.citationsOf(list, ClaimKind.VENDOR_NOTE, VendorNoteView::rowId);
    }

    @BatchMapping(typeName = "VendorNote", field = "sources")
    public Map<VendorNoteView, List<SourceView>> noteSources(List<VendorNoteView> list) {
        return sources.sourcesOf(list, ClaimKind.VENDOR_NOTE, VendorNoteView::rowId);
    }

    @BatchMapping(typeName = "VendorStatement", field = "citations")
    public Map<VendorStatementView, List<CitationView>> statementCitations(List<VendorStatementView> list) {
        return sources.citationsOf(list, ClaimKind.VENDOR_STATEMENT, VendorStatementView::rowId);
    }

    @BatchMapping(typeName = "VendorStatement", field = "sources")
    public Map<VendorStatementView, List<SourceView>> statementSources(List<VendorStatementView> list) {
        return sources.sourcesOf(list, ClaimKind.VENDOR_STATEMENT, VendorStatementView::rowId);
    }

    @SchemaMapping(typeName = "VendorStatement", field = "vendor")
    public CompletableFuture<VendorView> statementVendor(
            VendorStatementView s, DataLoader<Long, VendorView> vendorById) {
        return vendorById.load(s.vendorId());
    }

    @BatchMapping(typeName = "VendorRelationship", field = "citations")
    public Map<VendorRelationshipView, List<CitationView>> relationshipCitations(List<VendorRelationshipView> list) {
        return sources.citationsOf(list, ClaimKind.VENDOR_RELATIONSHIP, VendorRelationshipView::rowId);
    }

    @BatchMapping(typeName = "VendorRelationship", field = "sources")
    public Map<VendorRelationshipView, List<SourceView>> relationshipSources(List<VendorRelationshipView> list) {
        return sources.sourcesOf(list, ClaimKind.VENDOR_RELATIONSHIP, VendorRelationshipView::rowId);
    }

    @SchemaMapping(typeName = "VendorRelationship", field = "subject")
    public CompletableFuture<VendorView> subject(VendorRelationshipView r, DataLoader<Long, VendorView> vendorById) {
        return vendorById.load(r.subjectId());
    }

    @SchemaMapping(typeName = "VendorRelationship", field = "object")
    public CompletableFuture<VendorView> object(VendorRelationshipView r, DataLoader<Long, VendorView> vendorById) {
        return vendorById.load(r.objectId());
    }
}
