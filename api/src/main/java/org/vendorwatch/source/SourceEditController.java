package org.vendorwatch.source;

import java.util.Map;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;
import org.vendorwatch.source.SourcePayloads.CitationsPayload;
import org.vendorwatch.source.SourcePayloads.SourcePayload;


/** GraphQL bindings of source and citation mutations. */
@Controller
public class SourceEditController {

    private final SourceCommands sources;
    private final CitationCommands citations;

    public SourceEditController(SourceCommands sources, CitationCommands citations) {
        this.sources = sources;
        this.citations = citations;
    }

    @MutationMapping
    public SourcePayload addSource(@Argument Map<String, Object> input) {
        return sources.addSource(input);
    }

    @MutationMapping
    public SourcePayload updateSource(@Argument Map<String, Object> input) {
        return sources.updateSource(input);
    }

    @MutationMapping
    public CitationsPayload attachCitation(@Argument Map<String, Object> input) {
        return citations.attachCitation(input);
    }

    @MutationMapping
    public CitationsPayload detachCitation(@Argument Map<String, Object> input) {
        return citations.detachCitation(input);
    }
}
