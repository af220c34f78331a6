package org.vendorwatch.source;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;
import org.vendorwatch.source.SourceInputs.AddSourceInput;
import org.vendorwatch.source.SourceInputs.AttachCitationInput;
import org.vendorwatch.source.SourceInputs.DetachCitationInput;
import org.vendorwatch.source.SourceInputs.UpdateCitationInput;
import org.vendorwatch.source.SourceInputs.UpdateSourceInput;
import org.vendorwatch.source.SourcePayloads.CitationsPayload;
import org.vendorwatch.source.SourcePayloads.SourcePayload;

/** GraphQL bindings of source and citation mutations: the typed input in, the command's payload out. */
@Controller
public class SourceEditController {

    private final SourceCommands sources;
    private final CitationCommands citations;

    public SourceEditController(SourceCommands sources, CitationCommands citations) {
        this.sources = sources;
        this.citations = citations;
    }

    @MutationMapping
    public SourcePayload addSource(@Argument AddSourceInput input) {
        return sources.addSource(input);
    }

    @MutationMapping
    public SourcePayload updateSource(@Argument UpdateSourceInput input) {
        return sources.updateSource(input);
    }

    @MutationMapping
    public CitationsPayload attachCitation(@Argument AttachCitationInput input) {
        return citations.attachCitation(input);
    }

    @MutationMapping
    public CitationsPayload updateCitation(@Argument UpdateCitationInput input) {
        return citations.updateCitation(input);
    }

    @MutationMapping
    public CitationsPayload detachCitation(@Argument DetachCitationInput input) {
        return citations.detachCitation(input);
    }
}
