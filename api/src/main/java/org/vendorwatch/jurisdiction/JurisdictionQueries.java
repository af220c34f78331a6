package org.vendorwatch.jurisdiction;

import static org.vendorwatch.db.Tables.JURISDICTION;
import static org.vendorwatch.db.Tables.VENDOR_JURISDICTION;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.vendorwatch.platform.db.Sql;

/** Reads of countries and of vendors' ties to them. */
@Component
public class JurisdictionQueries {

    /** A country. */
    public record JurisdictionView(String code, String alpha3, String name, int vendorCount) {}

    /** A vendor's tie to a country. */
    public record VendorJurisdictionView(
            long rowId,
            long vendorId,
            String code,
            String name,
            String role,
            String detail,
            String confidence,
            int revision) {
        public String id() {
            return org.vendorwatch.platform.graphql.GlobalId.of("VendorJurisdiction", rowId);
        }
    }

    private static final Field<Integer> VENDOR_COUNT = DSL.field(DSL.selectCount()
                    .from(DSL.selectDistinct(VENDOR_JURISDICTION.VENDOR_ID)
                            .from(VENDOR_JURISDICTION)
                            .where(VENDOR_JURISDICTION.COUNTRY_CODE.eq(JURISDICTION.CODE))))
            .as("vendor_count");

    private final DSLContext dsl;

    public JurisdictionQueries(DSLContext dsl) {
        this.dsl = dsl;
    }

    public List<JurisdictionView> all(boolean withVendorsOnly) {
        var q = dsl.select(JURISDICTION.CODE, JURISDICTION.ALPHA3, JURISDICTION.NAME, VENDOR_COUNT)
                .from(JURISDICTION);
        var filtered = withVendorsOnly
                ? q.where(DSL.exists(DSL.selectOne()
                        .from(VENDOR_JURISDICTION)
                        .where(VENDOR_JURISDICTION.COUNTRY_CODE.eq(JURISDICTION.CODE))))
                : q.where(DSL.noCondition());
        return filtered.orderBy(JURISDICTION.CODE)
                .fetch(r -> new JurisdictionView(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    public Map<String, JurisdictionView> byCodes(Collection<String> codes) {
        Map<String, JurisdictionView> out = new HashMap<>();
        dsl.select(JURISDICTION.CODE, JURISDICTION.ALPHA3, JURISDICTION.NAME, VENDOR_COUNT)
                .from(JURISDICTION)
                .where(JURISDICTION.CODE.in(codes))
                .fetch(r -> new JurisdictionView(r.value1(), r.value2(), r.value3(), r.value4()))
                .forEach(j -> out.put(j.code(), j));
        return out;
    }

    public Map<Long, List<VendorJurisdictionView>> byVendorIds(Collection<Long> vendorIds) {
        var vj = VENDOR_JURISDICTION;
        Map<Long, List<VendorJurisdictionView>> out = new HashMap<>();
        dsl.select(
                        vj.ID,
                        vj.VENDOR_ID,
                        vj.COUNTRY_CODE,
                        JURISDICTION.NAME,
                        vj.ROLE,
                        vj.DETAIL,
                        vj.CONFIDENCE,
                        vj.REVISION)
                .from(vj)
                .join(JURISDICTION)
                .on(JURISDICTION.CODE.eq(vj.COUNTRY_CODE))
                .where(Sql.anyOf(vj.VENDOR_ID, vendorIds))
                .orderBy(vj.VENDOR_ID, DSL.when(vj.ROLE.eq("GROUP_ENTITY"), 1).otherwise(0), vj.COUNTRY_CODE, vj.ROLE)
                .fetch(r -> new VendorJurisdictionView(
                        r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7(), r.value8()))
                .forEach(v -> out.computeIfAbsent(v.vendorId(), k -> new ArrayList<>())
                        .add(v));
        return out;
    }
}
