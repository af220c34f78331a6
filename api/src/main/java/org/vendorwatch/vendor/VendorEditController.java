package org.vendorwatch.vendor;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;
import org.vendorwatch.vendor.VendorInputs.*;
import org.vendorwatch.vendor.VendorPayloads.*;

/** GraphQL bindings of the vendor mutations: the typed input in, the command's payload out. */
@Controller
public class VendorEditController {

    private final VendorCommands commands;
    private final VendorMergeCommands merges;

    public VendorEditController(VendorCommands commands, VendorMergeCommands merges) {
        this.commands = commands;
        this.merges = merges;
    }

    @MutationMapping
    public VendorPayload createVendor(@Argument CreateVendorInput input) {
        return commands.createVendor(input);
    }

    @MutationMapping
    public VendorPayload updateVendor(@Argument UpdateVendorInput input) {
        return commands.updateVendor(input);
    }

    @MutationMapping
    public NamePayload addVendorName(@Argument AddVendorNameInput input) {
        return commands.addVendorName(input);
    }

    @MutationMapping
    public NamePayload updateVendorName(@Argument UpdateVendorNameInput input) {
        return commands.updateVendorName(input);
    }

    @MutationMapping
    public VendorPayload removeVendorName(@Argument RemoveVendorNameInput input) {
        return commands.removeVendorName(input);
    }

    @MutationMapping
    public JurisdictionPayload addVendorJurisdiction(@Argument AddVendorJurisdictionInput input) {
        return commands.addVendorJurisdiction(input);
    }

    @MutationMapping
    public JurisdictionPayload updateVendorJurisdiction(@Argument UpdateVendorJurisdictionInput input) {
        return commands.updateVendorJurisdiction(input);
    }

    @MutationMapping
    public VendorPayload setVendorJurisdictions(@Argument SetVendorJurisdictionsInput input) {
        return commands.setVendorJurisdictions(input);
    }

    @MutationMapping
    public IdentifierPayload addVendorIdentifier(@Argument AddVendorIdentifierInput input) {
        return commands.addVendorIdentifier(input);
    }

    @MutationMapping
    public IdentifierPayload updateVendorIdentifier(@Argument UpdateVendorIdentifierInput input) {
        return commands.updateVendorIdentifier(input);
    }

    @MutationMapping
    public NotePayload addVendorNote(@Argument AddVendorNoteInput input) {
        return commands.addVendorNote(input);
    }

    @MutationMapping
    public NotePayload updateVendorNote(@Argument UpdateVendorNoteInput input) {
        return commands.updateVendorNote(input);
    }

    @MutationMapping
    public StatementPayload addVendorStatement(@Argument AddVendorStatementInput input) {
        return commands.addVendorStatement(input);
    }

    @MutationMapping
    public StatementPayload updateVendorStatement(@Argument UpdateVendorStatementInput input) {
        return commands.updateVendorStatement(input);
    }

    @MutationMapping
    public RelationshipPayload addVendorRelationship(@Argument AddVendorRelationshipInput input) {
        return commands.addVendorRelationship(input);
    }

    @MutationMapping
    public RelationshipPayload updateVendorRelationship(@Argument UpdateVendorRelationshipInput input) {
        return commands.updateVendorRelationship(input);
    }

    @MutationMapping
    public RelationshipPayload endVendorRelationship(@Argument EndVendorRelationshipInput input) {
        return commands.endVendorRelationship(input);
    }

    @MutationMapping
    public ProductPayload addProduct(@Argument AddProductInput input) {
        return commands.addProduct(input);
    }

    @MutationMapping
    public ProductPayload updateProduct(@Argument UpdateProductInput input) {
        return commands.updateProduct(input);
    }

    @MutationMapping
    public AttributionPayload updateProductAttribution(@Argument UpdateProductAttributionInput input) {
        return commands.updateProductAttribution(input);
    }

    @MutationMapping
    public VendorPayload mergeVendors(@Argument MergeVendorsInput input) {
        return merges.mergeVendors(input);
    }
}
