package org.vendorwatch.allegation;

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
import org.vendorwatch.allegation.AllegationQueries.AllegationDevelopmentView;
import org.vendorwatch.allegation.AllegationQueries.AllegationView;
import org.vendorwatch.platform.graphql.Batches;
import org.vendorwatch.platform.paging.Connection;
import org.vendorwatch.platform.paging.PageArgs;
import org.vendorwatch.platform.paging.ParentPage;
import org.vendorwatch.source.CitationView;
import org.vendorwatch.source.ClaimKind;
import org.vendorwatch.source.SourceQueries;
import org.vendorwatch.source.SourceView;
import org.vendorwatch.vendor.VendorView;
import reactor.core.publisher.Mono;

/** GraphQL bindings of the allegation slice. */
@Controller
public class AllegationController {

    private final AllegationQueries allegations;
    private final SourceQueries sources;

    public AllegationController(AllegationQueries allegations, SourceQueries sources, BatchLoaderRegistry registry) {
        this.allegations = allegations;
        this.sources = sources;
        registry.<ParentPage<List<String>>, Connection<AllegationView>>forName("vendorAllegations")
                .registerMappedBatchLoader((keys, env) -> Mono.fromSupplier(() -> ParentPage.loadAll(
                        keys, (ids, sample) -> allegations.pagesByVendorIds(ids, sample.page(), sample.args()))));
    }

    @QueryMapping
    public Connection<AllegationView> allegations(
            @Argument @Nullable Integer first,
            @Argument @Nullable String after,
            @Argument AllegationQueries.@Nullable Filter filter) {
        return allegations.page(filter, PageArgs.of(first, after));
    }

    @SchemaMapping(typeName = "Vendor", field = "allegations")
    public CompletableFuture<Connection<AllegationView>> vendorAllegations(
            VendorView vendor,
            @Argument @Nullable Integer first,
            @Argument @Nullable String after,
            @Argument @Nullable List<String> status,
            DataLoader<ParentPage<List<String>>, Connection<AllegationView>> vendorAllegations) {
        return vendorAllegations.load(new ParentPage<>(vendor.rowId(), PageArgs.of(first, after), status));
    }

    @SchemaMapping(typeName = "Allegation")
    public CompletableFuture<VendorView> vendor(AllegationView a, DataLoader<Long, VendorView> vendorById) {
        return vendorById.load(a.vendorId());
    }

    @BatchMapping(typeName = "Allegation")
    public Map<AllegationView, List<VendorView>> vendors(List<AllegationView> list) {
        return Batches.byKey(list, AllegationView::rowId, allegations::vendorsByAllegationIds);
    }

    @BatchMapping(typeName = "Allegation")
    public Map<AllegationView, List<AllegationDevelopmentView>> developments(List<AllegationView> list) {
        return Batches.byKey(list, AllegationView::rowId, allegations::developments);
    }

    @BatchMapping(typeName = "Allegation")
    public Map<AllegationView, List<CitationView>> citations(List<AllegationView> list) {
        return sources.citationsOf(list, ClaimKind.ALLEGATION, AllegationView::rowId);
    }

    @BatchMapping(typeName = "Allegation")
    public Map<AllegationView, List<SourceView>> sources(List<AllegationView> list) {
        return sources.sourcesOf(list, ClaimKind.ALLEGATION, AllegationView::rowId);
    }

    @BatchMapping(typeName = "AllegationDevelopment", field = "citations")
    public Map<AllegationDevelopmentView, List<CitationView>> developmentCitations(
            List<AllegationDevelopmentView> list) {
        return sources.citationsOf(list, ClaimKind.ALLEGATION_DEVELOPMENT, AllegationDevelopmentView::rowId);
    }

    @BatchMapping(typeName = "AllegationDevelopment", field = "sources")
    public Map<AllegationDevelopmentView, List<SourceView>> developmentSources(List<AllegationDevelopmentView> list) {
        return sources.sourcesOf(list, ClaimKind.ALLEGATION_DEVELOPMENT, AllegationDevelopmentView::rowId);
    }
}
