package org.vendorwatch.allegation;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;
import org.vendorwatch.allegation.AllegationInputs.AddAllegationDevelopmentInput;
import org.vendorwatch.allegation.AllegationInputs.ChangeAllegationStatusInput;
import org.vendorwatch.allegation.AllegationInputs.FileAllegationInput;
import org.vendorwatch.allegation.AllegationInputs.UpdateAllegationDevelopmentInput;
import org.vendorwatch.allegation.AllegationInputs.UpdateAllegationInput;
import org.vendorwatch.allegation.AllegationPayload.DevelopmentPayload;

/** GraphQL bindings of the allegation mutations: the typed input in, the command's payload out. */
@Controller
public class AllegationEditController {

    private final AllegationCommands commands;

    public AllegationEditController(AllegationCommands commands) {
        this.commands = commands;
    }

    @MutationMapping
    public AllegationPayload fileAllegation(@Argument FileAllegationInput input) {
        return commands.fileAllegation(input);
    }

    @MutationMapping
    public AllegationPayload updateAllegation(@Argument UpdateAllegationInput input) {
        return commands.updateAllegation(input);
    }

    @MutationMapping
    public AllegationPayload changeAllegationStatus(@Argument ChangeAllegationStatusInput input) {
        return commands.changeAllegationStatus(input);
    }

    @MutationMapping
    public DevelopmentPayload addAllegationDevelopment(@Argument AddAllegationDevelopmentInput input) {
        return commands.addAllegationDevelopment(input);
    }

    @MutationMapping
    public DevelopmentPayload updateAllegationDevelopment(@Argument UpdateAllegationDevelopmentInput input) {
        return commands.updateAllegationDevelopment(input);
    }
}
