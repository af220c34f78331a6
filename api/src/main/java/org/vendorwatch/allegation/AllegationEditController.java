package org.vendorwatch.allegation;

import java.util.Map;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/** GraphQL bindings of the allegation mutations: the input map in, the command's payload out. */
@Controller
public class AllegationEditController {

    private final AllegationCommands commands;

    public AllegationEditController(AllegationCommands commands) {
        this.commands = commands;
    }

    @MutationMapping
    public AllegationPayload fileAllegation(@Argument Map<String, Object> input) {
        return commands.fileAllegation(input);
    }

    @MutationMapping
    public AllegationPayload updateAllegation(@Argument Map<String, Object> input) {
        return commands.updateAllegation(input);
    }

    @MutationMapping
    public AllegationPayload changeAllegationStatus(@Argument Map<String, Object> input) {
        return commands.changeAllegationStatus(input);
    }
}
