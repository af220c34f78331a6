package org.vendorwatch.bulk;

/**
 * The document-shaped exports: one vendor per line with everything attached, and FollowTheMoney
 * entities (Company/Organization/Person and Sanction) for OpenSanctions' and Aleph's tools. Each is a
 * single SELECT producing one JSON text per row, streamed with COPY like the tables.
 */
public final class Documents {

    private Documents() {
    }

    /** {@code coalesce(jsonb_agg(<object> order by x.id), '[]')} over {@code table x where cond}. */
    private static String list(String table, String cond, String object) {
        return "coalesce((select jsonb_agg(" + object + " order by x.id) from " + table + " x where " + cond + "), '[]'::jsonb)";
    }

    private static String sources(String column) {
        return "'sources', coalesce((select jsonb_agg(jsonb_build_object('source_id', c.source_id, 'url', s.url, 'title', s.title, "
                + "'confidence', c.confidence, 'quote', c.quote) order by c.id) from citation c join source s on s.id = c.source_id "
                + "where c." + column + " = x.id), '[]'::jsonb)";
    }

    /** One line per vendor: the vendor and every claim attached to it, each with its sources. */
    public static final String NESTED_VENDORS = "select jsonb_build_object("
            + "'id', v.id, 'slug', v.slug, 'name', v.name, 'kind', v.kind, 'status', v.status, 'description', v.description, "
            + "'founded_year', v.founded_year, 'founded_confidence', v.founded_confidence, 'website', v.website, "
            + "'revision', v.revision, 'updated_at', v.updated_at, "
            + "'names', " + list("vendor_name", "x.vendor_id = v.id", "jsonb_build_object('id', x.id, 'name', x.name, 'kind', x.kind, "
                    + "'listed_in', x.listed_in, 'valid_from', x.valid_from, 'valid_from_precision', x.valid_from_precision, "
                    + "'valid_to', x.valid_to, 'valid_to_precision', x.valid_to_precision, 'weak', x.weak, 'confidence', x.confidence, "
                    + "'note', x.note, " + sources("vendor_name_id") + ")") + ", "
            + "'jurisdictions', " + list("vendor_jurisdiction", "x.vendor_id = v.id", "jsonb_build_object('id', x.id, 'country_code', x.country_code, "
                    + "'role', x.role, 'detail', x.detail, 'confidence', x.confidence, " + sources("vendor_jurisdiction_id") + ")") + ", "
            + "'identifiers', " + list("vendor_identifier", "x.vendor_id = v.id", "jsonb_build_object('id', x.id, 'scheme', x.scheme, "
                    + "'value', x.value, 'confidence', x.confidence, " + sources("vendor_identifier_id") + ")") + ", "
            + "'relationships', " + list("vendor_relationship", "x.subject_vendor_id = v.id or x.object_vendor_id = v.id",
                    "jsonb_build_object('id', x.id, 'subject_vendor_id', x.subject_vendor_id, 'type', x.type, 'object_vendor_id', x.object_vendor_id, "
                    + "'description', x.description, 'valid_from', x.valid_from, 'valid_to', x.valid_to, 'confidence', x.confidence, "
                    + sources("vendor_relationship_id") + ")") + ", "
            + "'products', " + list("product_vendor", "x.vendor_id = v.id", "jsonb_build_object('id', x.id, 'product_id', x.product_id, "
                    + "'name', (select p.name from product p where p.id = x.product_id), "
                    + "'kind', (select p.kind from product p where p.id = x.product_id), 'confidence', x.confidence, "
                    + sources("product_vendor_id") + ")") + ", "
            + "'sanction_actions', " + list("sanction_action", "x.vendor_id = v.id or x.affiliated_vendor_id = v.id", "(select jsonb_build_object('id', x.id, 'person_name', x.person_name, "
                    + "'event_id', e.id, 'authority', e.authority_code, 'program', e.program_code, 'action_type', e.action_type, "
                    + "'title', e.title, 'announced_on', e.announced_on, 'published_on', e.published_on, 'effective_on', e.effective_on, "
                    + "'lifted_on', coalesce(x.lifted_on, e.lifted_on), 'citation', e.citation, 'document_number', e.document_number, "
                    + "'license_requirement', e.license_requirement, 'license_policy', e.license_policy, 'listed_name', x.listed_name, "
                    + "'listed_aliases', to_jsonb(x.listed_aliases), 'listed_address', x.listed_address, 'reason', x.reason, "
                    + "'confidence', x.confidence, 'act_confidence_detail', e.confidence_detail, " + sources("sanction_action_id")
                    + " || coalesce((select jsonb_agg(jsonb_build_object('source_id', c.source_id, 'url', s.url, 'title', s.title, "
                    + "'confidence', c.confidence, 'quote', c.quote) order by c.id) from citation c join source s on s.id = c.source_id "
                    + "where c.sanction_event_id = e.id), '[]'::jsonb)) from sanction_event e where e.id = x.event_id)") + ", "
            + "'allegations', coalesce((select jsonb_agg(jsonb_build_object('id', x.id, 'title', x.title, 'summary', x.summary, "
                    + "'category', x.category, 'status', x.status, 'status_reason', x.status_reason, 'first_reported_on', x.first_reported_on, "
                    + "'first_reported_precision', x.first_reported_precision, 'reported_by', x.reported_by, 'confidence', x.confidence, "
                    + "'developments', coalesce((select jsonb_agg(jsonb_build_object('id', d.id, 'occurred_on', d.occurred_on, "
                    + "'occurred_precision', d.occurred_precision, 'description', d.description, 'confidence', d.confidence) "
                    + "order by d.occurred_on, d.id) from allegation_development d where d.allegation_id = x.id), '[]'::jsonb), "
                    + sources("allegation_id") + ") order by x.id) from allegation x join allegation_vendor av on av.allegation_id = x.id "
                    + "where av.vendor_id = v.id), '[]'::jsonb), "
            + "'statements', " + list("vendor_statement", "x.vendor_id = v.id", "jsonb_build_object('id', x.id, 'stated_on', x.stated_on, "
                    + "'stated_precision', x.stated_precision, 'speaker', x.speaker, 'quote', x.quote, 'summary', x.summary, "
                    + "'confidence', x.confidence, " + sources("vendor_statement_id") + ")") + ", "
            + "'notes', " + list("vendor_note", "x.vendor_id = v.id", "jsonb_build_object('id', x.id, 'text', x.text, 'confidence', x.confidence, "
                    + sources("vendor_note_id") + ")")
            + ")::text from vendor v order by v.id";

    /**
     * FollowTheMoney entities: vendors as Company (or Organization for groups and consortia), named
     * persons as Person, and one Sanction per action linking the two. Property values are lists of
     * strings, dates ISO, countries lower-case ISO codes, as FtM expects.
     */
    public static final String FTM = """
            select doc::text from (
              select 1 as part, v.id as k, jsonb_build_object(
                'id', 'vendorwatch-vendor-' || v.id,
                'schema', case v.kind when 'COMPANY' then 'Company' else 'Organization' end,
                'properties', jsonb_strip_nulls(jsonb_build_object(
                  'name', jsonb_build_array(v.name),
                  'alias', (select jsonb_agg(distinct n.name) from vendor_name n where n.vendor_id = v.id and not n.weak
                            and n.kind in ('AKA', 'TRADE_NAME', 'LEGAL_NAME', 'LISTED_NAME', 'INDUSTRY_CODENAME') and n.name <> v.name),
                  'weakAlias', (select jsonb_agg(distinct n.name) from vendor_name n where n.vendor_id = v.id and n.weak),
                  'previousName', (select jsonb_agg(distinct n.name) from vendor_name n where n.vendor_id = v.id and n.kind = 'FORMER_NAME'),
                  'jurisdiction', (select jsonb_agg(distinct lower(j.country_code)) from vendor_jurisdiction j
                                   where j.vendor_id = v.id and j.role = 'INCORPORATED'),
                  'country', (select jsonb_agg(distinct lower(j.country_code)) from vendor_jurisdiction j
                              where j.vendor_id = v.id and j.role <> 'GROUP_ENTITY'),
                  'description', case when v.description is not null then jsonb_build_array(v.description) end,
                  'website', case when v.website is not null then jsonb_build_array(v.website) end,
                  'incorporationDate', case when v.founded_year is not null then jsonb_build_array(v.founded_year::text) end,
                  'topics', case when exists (select 1 from sanction_action a where a.vendor_id = v.id) then '["sanction"]'::jsonb end
                ))) as doc
              from vendor v
              union all
              select 2, min(a.id), jsonb_build_object(
                'id', 'vendorwatch-person-' || md5(a.person_name),
                'schema', 'Person',
                'properties', jsonb_build_object('name', jsonb_build_array(a.person_name), 'topics', '["sanction"]'::jsonb))
              from sanction_action a where a.person_name is not null group by a.person_name
              union all
              select 3, a.id, jsonb_build_object(
                'id', 'vendorwatch-sanction-' || a.id,
                'schema', 'Sanction',
                'properties', jsonb_strip_nulls(jsonb_build_object(
                  'entity', jsonb_build_array(case when a.vendor_id is not null then 'vendorwatch-vendor-' || a.vendor_id
                                                   else 'vendorwatch-person-' || md5(a.person_name) end),
                  'authority', jsonb_build_array(au.name),
                  'program', jsonb_build_array(coalesce(pr.name, e.program_detail, e.action_type)),
                  'provisions', case when e.license_policy is not null then jsonb_build_array(e.license_policy) end,
                  'reason', case when a.reason is not null then jsonb_build_array(a.reason) end,
                  'country', case when au.country_code is not null then jsonb_build_array(lower(au.country_code)) end,
                  'startDate', case when coalesce(e.effective_on, e.published_on, e.announced_on) is not null
                                    then jsonb_build_array(coalesce(e.effective_on, e.published_on, e.announced_on)::text) end,
                  'listingDate', case when e.published_on is not null then jsonb_build_array(e.published_on::text) end,
                  'endDate', case when coalesce(a.lifted_on, e.lifted_on) is not null then jsonb_build_array(coalesce(a.lifted_on, e.lifted_on)::text) end,
                  'status', jsonb_build_array(case when coalesce(a.lifted_on, e.lifted_on) is not null then 'lifted'
                                                   when e.action_type = 'REMOVED' then 'delisted' else 'active' end),
                  'summary', case when e.title is not null then jsonb_build_array(e.title) end,
                  'recordId', case when e.document_number is not null then jsonb_build_array(e.document_number) end,
                  'sourceUrl', case when e.url is not null then jsonb_build_array(e.url) end
                ))) as doc
              from sanction_action a
              join sanction_event e on e.id = a.event_id
              join sanction_authority au on au.code = e.authority_code
              left join sanction_program pr on pr.code = e.program_code
            ) entities order by part, k""";
}
