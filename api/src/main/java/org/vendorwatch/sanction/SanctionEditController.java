package org.vendorwatch.sanction;

import java.util.Map;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/** GraphQL bindings of the sanction mutations: the input map in, the command's payload out. */
@Controller
public class SanctionEditController {

    private final SanctionCommands commands;

    public SanctionEditController(SanctionCommands commands) {
        this.commands = commands;
    }

    @MutationMapping
    public SanctionActionPayload recordSanctionAction(@Argument Map<String, Object> input) {
        return commands.recordSanctionAction(input);
    }

    @MutationMapping
    public SanctionActionPayload amendSanctionAction(@Argument Map<String, Object> input) {
        return commands.amendSanctionAction(input);
    }

    @MutationMapping
    public SanctionActionPayload liftSanctionAction(@Argument Map<String, Object> input) {
        return commands.liftSanctionAction(input);
    }
}
