package org.vendorwatch.vendor;

import java.util.Map;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;
import org.vendorwatch.vendor.VendorPayloads.NamePayload;
import org.vendorwatch.vendor.VendorPayloads.ProductPayload;
import org.vendorwatch.vendor.VendorPayloads.RelationshipPayload;
import org.vendorwatch.vendor.VendorPayloads.StatementPayload;
import org.vendorwatch.vendor.VendorPayloads.VendorPayload;

/** GraphQL bindings of the vendor mutations: the input map in, the command's payload out. */
@Controller
public class VendorEditController {

    private final VendorCommands commands;

    public VendorEditController(VendorCommands commands) {
        this.commands = commands;
    }

    @MutationMapping
    public VendorPayload createVendor(@Argument Map<String, Object> input) {
        return commands.createVendor(input);
    }

    @MutationMapping
    public VendorPayload updateVendor(@Argument Map<String, Object> input) {
        return commands.updateVendor(input);
    }

    @MutationMapping
    public NamePayload addVendorName(@Argument Map<String, Object> input) {
        return commands.addVendorName(input);
    }

    @MutationMapping
    public NamePayload updateVendorName(@Argument Map<String, Object> input) {
        return commands.updateVendorName(input);
    }

    @MutationMapping
    public VendorPayload removeVendorName(@Argument Map<String, Object> input) {
        return commands.removeVendorName(input);
    }

    @MutationMapping
    public VendorPayload setVendorJurisdictions(@Argument Map<String, Object> input) {
        return commands.setVendorJurisdictions(input);
    }

    @MutationMapping
    public RelationshipPayload addVendorRelationship(@Argument Map<String, Object> input) {
        return commands.addVendorRelationship(input);
    }

    @MutationMapping
    public RelationshipPayload endVendorRelationship(@Argument Map<String, Object> input) {
        return commands.endVendorRelationship(input);
    }

    @MutationMapping
    public ProductPayload addProduct(@Argument Map<String, Object> input) {
        return commands.addProduct(input);
    }

    @MutationMapping
    public StatementPayload addVendorStatement(@Argument Map<String, Object> input) {
        return commands.addVendorStatement(input);
    }
}
