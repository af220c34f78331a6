package org.vendorwatch.jurisdiction;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.stereotype.Controller;
import org.vendorwatch.jurisdiction.JurisdictionQueries.JurisdictionView;
import org.vendorwatch.jurisdiction.JurisdictionQueries.VendorJurisdictionView;
import org.vendorwatch.source.CitationView;
import org.vendorwatch.source.ClaimKind;
import org.vendorwatch.source.SourceQueries;
import org.vendorwatch.source.SourceView;

/** GraphQL bindings of countries and vendors' ties to them. */
@Controller
public class JurisdictionController {

    private final JurisdictionQueries jurisdictions;
    private final SourceQueries sources;

    public JurisdictionController(JurisdictionQueries jurisdictions, SourceQueries sources) {
        this.jurisdictions = jurisdictions;
        this.sources = sources;
    }

    @QueryMapping
    public List<JurisdictionView> jurisdictions(@Argument @Nullable Boolean withVendorsOnly) {
        return jurisdictions.all(Boolean.TRUE.equals(withVendorsOnly));
    }

    @BatchMapping(typeName = "VendorJurisdiction")
    public Map<VendorJurisdictionView, JurisdictionView> jurisdiction(List<VendorJurisdictionView> list) {
        Map<String, JurisdictionView> byCode = jurisdictions.byCodes(
                list.stream().map(VendorJurisdictionView::code).distinct().toList());
        Map<VendorJurisdictionView, JurisdictionView> out = new java.util.LinkedHashMap<>();
        list.forEach(v -> out.put(v, byCode.get(v.code())));
        return out;
    }

    @BatchMapping(typeName = "VendorJurisdiction")
    public Map<VendorJurisdictionView, List<CitationView>> citations(List<VendorJurisdictionView> list) {
        return sources.citationsOf(list, ClaimKind.VENDOR_JURISDICTION, VendorJurisdictionView::rowId);
    }

    @BatchMapping(typeName = "VendorJurisdiction")
    public Map<VendorJurisdictionView, List<SourceView>> sources(List<VendorJurisdictionView> list) {
        return sources.sourcesOf(list, ClaimKind.VENDOR_JURISDICTION, VendorJurisdictionView::rowId);
    }
}
