package org.vendorwatch.sanction;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;
import org.vendorwatch.sanction.SanctionInputs.AddSanctionAuthorityInput;
import org.vendorwatch.sanction.SanctionInputs.AddSanctionProgramInput;
import org.vendorwatch.sanction.SanctionInputs.AmendSanctionActionInput;
import org.vendorwatch.sanction.SanctionInputs.LiftSanctionActionInput;
import org.vendorwatch.sanction.SanctionInputs.RecordSanctionActionInput;
import org.vendorwatch.sanction.SanctionInputs.UpdateSanctionEventInput;
import org.vendorwatch.sanction.SanctionPayloads.AuthorityPayload;
import org.vendorwatch.sanction.SanctionPayloads.ProgramPayload;
import org.vendorwatch.sanction.SanctionPayloads.SanctionActionPayload;
import org.vendorwatch.sanction.SanctionPayloads.SanctionEventPayload;

/** GraphQL bindings of the sanction mutations: the typed input in, the command's payload out. */
@Controller
public class SanctionEditController {

    private final SanctionCommands commands;

    public SanctionEditController(SanctionCommands commands) {
        this.commands = commands;
    }

    @MutationMapping
    public SanctionActionPayload recordSanctionAction(@Argument RecordSanctionActionInput input) {
        return commands.recordSanctionAction(input);
    }

    @MutationMapping
    public SanctionActionPayload amendSanctionAction(@Argument AmendSanctionActionInput input) {
        return commands.amendSanctionAction(input);
    }

    @MutationMapping
    public SanctionEventPayload updateSanctionEvent(@Argument UpdateSanctionEventInput input) {
        return commands.updateSanctionEvent(input);
    }

    @MutationMapping
    public SanctionActionPayload liftSanctionAction(@Argument LiftSanctionActionInput input) {
        return commands.liftSanctionAction(input);
    }

    @MutationMapping
    public AuthorityPayload addSanctionAuthority(@Argument AddSanctionAuthorityInput input) {
        return commands.addSanctionAuthority(input);
    }

    @MutationMapping
    public ProgramPayload addSanctionProgram(@Argument AddSanctionProgramInput input) {
        return commands.addSanctionProgram(input);
    }
}
