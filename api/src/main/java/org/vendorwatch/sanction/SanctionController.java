package org.vendorwatch.sanction;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import org.vendorwatch.platform.graphql.Batches;
import org.vendorwatch.platform.paging.Connection;
import org.vendorwatch.platform.paging.PageArgs;
import org.vendorwatch.platform.paging.ParentPage;
import org.vendorwatch.sanction.SanctionViews.SanctionActionView;
import org.vendorwatch.sanction.SanctionViews.SanctionAuthorityView;
import org.vendorwatch.sanction.SanctionViews.SanctionEventView;
import org.vendorwatch.sanction.SanctionViews.SanctionProgramView;
import org.vendorwatch.source.CitationView;
import org.vendorwatch.source.ClaimKind;
import org.vendorwatch.source.SourceQueries;
import org.vendorwatch.source.SourceView;
import reactor.core.publisher.Mono;

/** GraphQL bindings of the sanction slice. */
@Controller
public class SanctionController {

    private final SanctionQueries sanctions;
    private final SourceQueries sources;

    public SanctionController(SanctionQueries sanctions, SourceQueries sources, BatchLoaderRegistry registry) {
        this.sanctions = sanctions;
        this.sources = sources;
        registry.<ParentPage<Void>, Connection<SanctionActionView>>forName("vendorSanctionActions")
                .registerMappedBatchLoader((keys, env) -> Mono.fromSupplier(() ->
                        ParentPage.loadAll(keys, (ids, sample) -> sanctions.pagesByVendorIds(ids, sample.page()))));
    }

    @QueryMapping
    public Connection<SanctionActionView> sanctionActions(
            @Argument @Nullable Integer first,
            @Argument @Nullable String after,
            @Argument SanctionQueries.@Nullable ActionFilter filter) {
        return sanctions.actions(filter, PageArgs.of(first, after));
    }

    @QueryMapping
    public Connection<SanctionEventView> sanctionEvents(
            @Argument @Nullable Integer first,
            @Argument @Nullable String after,
            @Argument @Nullable List<String> authorities) {
        return sanctions.events(authorities, PageArgs.of(first, after));
    }

    @QueryMapping
    public List<SanctionAuthorityView> sanctionAuthorities() {
        return sanctions.authorities();
    }

    @QueryMapping
    public List<SanctionProgramView> sanctionPrograms() {
        return sanctions.programs();
    }

    @BatchMapping(typeName = "SanctionAction", field = "authority")
    public Map<SanctionActionView, SanctionAuthorityView> actionAuthority(List<SanctionActionView> list) {
        return lookup(list, a -> a.event().authorityCode(), authorities());
    }

    @BatchMapping(typeName = "SanctionAction", field = "program")
    public Map<SanctionActionView, SanctionProgramView> actionProgram(List<SanctionActionView> list) {
        return lookup(list, a -> a.event().programCode(), programs());
    }

    @BatchMapping(typeName = "SanctionEvent", field = "authority")
    public Map<SanctionEventView, SanctionAuthorityView> eventAuthority(List<SanctionEventView> list) {
        return lookup(list, SanctionEventView::authorityCode, authorities());
    }

    @BatchMapping(typeName = "SanctionEvent", field = "program")
    public Map<SanctionEventView, SanctionProgramView> eventProgram(List<SanctionEventView> list) {
        return lookup(list, SanctionEventView::programCode, programs());
    }

    @BatchMapping(typeName = "SanctionProgram", field = "authority")
    public Map<SanctionProgramView, SanctionAuthorityView> programAuthority(List<SanctionProgramView> list) {
        return lookup(list, SanctionProgramView::authorityCode, authorities());
    }

    @BatchMapping(typeName = "SanctionEvent")
    public Map<SanctionEventView, List<SanctionActionView>> targets(List<SanctionEventView> list) {
        return Batches.byKey(list, SanctionEventView::rowId, sanctions::actionsByEventIds);
    }

    /** An action rests on its own citations and on those of its event. */
    @BatchMapping(typeName = "SanctionAction", field = "citations")
    public Map<SanctionActionView, List<CitationView>> actionCitations(List<SanctionActionView> list) {
        Map<Long, List<CitationView>> own = sources.citations(
                ClaimKind.SANCTION_ACTION,
                list.stream().map(SanctionActionView::rowId).toList());
        Map<Long, List<CitationView>> ofEvent = sources.citations(
                ClaimKind.SANCTION_EVENT,
                list.stream().map(a -> a.event().rowId()).distinct().toList());
        Map<SanctionActionView, List<CitationView>> out = new LinkedHashMap<>();
        for (SanctionActionView a : list) {
            out.put(
                    a,
                    java.util.stream.Stream.concat(
                                    own.getOrDefault(a.rowId(), List.of()).stream(),
                                    ofEvent.getOrDefault(a.event().rowId(), List.of()).stream())
                            .toList());
        }
        return out;
    }

    @BatchMapping(typeName = "SanctionAction", field = "sources")
    public Map<SanctionActionView, List<SourceView>> actionSources(List<SanctionActionView> list) {
        Map<SanctionActionView, List<SourceView>> out = new LinkedHashMap<>();
        actionCitations(list).forEach((a, cs) -> out.put(a, SourceQueries.distinctSources(cs)));
        return out;
    }

    @BatchMapping(typeName = "SanctionEvent", field = "citations")
    public Map<SanctionEventView, List<CitationView>> eventCitations(List<SanctionEventView> list) {
        return sources.citationsOf(list, ClaimKind.SANCTION_EVENT, SanctionEventView::rowId);
    }

    @BatchMapping(typeName = "SanctionEvent", field = "sources")
    public Map<SanctionEventView, List<SourceView>> eventSources(List<SanctionEventView> list) {
        return sources.sourcesOf(list, ClaimKind.SANCTION_EVENT, SanctionEventView::rowId);
    }

    @BatchMapping(typeName = "SanctionAuthority", field = "citations")
    public Map<SanctionAuthorityView, List<CitationView>> authorityCitations(List<SanctionAuthorityView> list) {
        return sources.citationsOf(list, ClaimKind.SANCTION_AUTHORITY, SanctionAuthorityView::rowId);
    }

    @BatchMapping(typeName = "SanctionProgram", field = "citations")
    public Map<SanctionProgramView, List<CitationView>> programCitations(List<SanctionProgramView> list) {
        return sources.citationsOf(list, ClaimKind.SANCTION_PROGRAM, SanctionProgramView::rowId);
    }

    private Map<String, SanctionAuthorityView> authorities() {
        return sanctions.authorities().stream()
                .collect(Collectors.toMap(SanctionAuthorityView::code, Function.identity()));
    }

    private Map<String, SanctionProgramView> programs() {
        return sanctions.programs().stream().collect(Collectors.toMap(SanctionProgramView::code, Function.identity()));
    }

    private static <T, V> Map<T, V> lookup(List<T> items, Function<T, String> code, Map<String, V> byCode) {
        Map<T, V> out = new LinkedHashMap<>();
        items.forEach(i -> out.put(i, code.apply(i) == null ? null : byCode.get(code.apply(i))));
        return out;
    }
}
