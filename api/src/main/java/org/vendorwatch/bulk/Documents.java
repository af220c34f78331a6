package org.vendorwatch.bulk;

/**
 * The document-shaped exports: one vendor per line with everything attached, and FollowTheMoney
 * entities (Company/Organization/Person and Sanction) for OpenSanctions' and Aleph's tools. Each is a
 * single SELECT producing one JSON text per row, streamed with COPY like the tables.
 */
public final class Documents {

    private Documents() {}

    /** {@code coalesce(jsonb_agg(<object> order by x.id), '[]')} over {@code table x where cond}. */
    private static String list(String table, String cond, String object) {
        return "coalesce((select jsonb_agg(" + object + " order by x.id) from " + table + " x where " + cond
                + "), '[]'::jsonb)";
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
            + "'names', "
            + list(
                    "vendor_name",
                    "x.vendor_id = v.id",
                    "jsonb_build_object('id', x.id, 'name', x.name, 'kind', x.kind, "
                            + "'listed_in', x.listed_in, 'valid_from', x.valid_from, 'valid_from_precision', x.valid_from_precision, "
                            + "'valid_to', x.valid_to, 'valid_to_precision', x.valid_to_precision, 'weak', x.weak, 'confidence', x.confidence, "
                            + "'note', x.note, " + sources("vendor_name_id") + ")")
            + ", "
            + "'jurisdictions', "
            + list(
                    "vendor_jurisdiction",
                    "x.vendor_id = v.id",
                    "jsonb_build_object('id', x.id, 'country_code', x.country_code, "
                            + "'role', x.role, 'detail', x.detail, 'confidence', x.confidence, "
                            + sources("vendor_jurisdiction_id") + ")")
            + ", "
            + "'identifiers', "
            + list(
                    "vendor_identifier",
                    "x.vendor_id = v.id",
                    "jsonb_build_object('id', x.id, 'scheme', x.scheme, "
                            + "'value', x.value, 'confidence', x.confidence, " + sources("vendor_identifier_id") + ")")
            + ", "
            + "'relationships', "
            + list(
                    "vendor_relationship",
                    "x.subject_vendor_id = v.id or x.object_vendor_id = v.id",
                    "jsonb_build_object('id', x.id, 'subject_vendor_id', x.subject_vendor_id, 'type', x.type, 'object_vendor_id', x.object_vendor_id, "
                            + "'description', x.description, 'valid_from', x.valid_from, 'valid_to', x.valid_to, 'confidence', x.confidence, "
                            + sources("vendor_relationship_id") + ")")
            + ", "
            + "'products', "
            + list(
                    "product_vendor",
                    "x.vendor_id = v.id",
                    "jsonb_build_object('id', x.id, 'product_id', x.product_id, "
                            + "'name', (select p.name from product p where p.id = x.product_id), "
                            + "'kind', (select p.kind from product p where p.id = x.product_id), 'confidence', x.confidence, "
                            + sources("product_vendor_id") + ")")
            + ", "
            + "'sanction_actions', "
            + list(
                    "sanction_action",
                    "x.vendor_id = v.id or x.affiliated_vendor_id = v.id",
                    "(select jsonb_build_object('id', x.id, 'person_name', x.person_name, "
                            + "'event_id', e.id, 'authority', e.authority_code, 'program', e.program_code, 'action_type', e.action_type, "
                            + "'title', e.title, 'announced_on', e.announced_on, 'published_on', e.published_on, 'effective_on', e.effective_on, "
                            + "'lifted_on', " + org.vendorwatch.sanction.SanctionQueries.liftedOnSql("x", "e")
                            + ", 'citation', e.citation, 'document_number', e.document_number, "
                            + "'license_requirement', e.license_requirement, 'license_policy', e.license_policy, 'listed_name', x.listed_name, "
                            + "'listed_aliases', to_jsonb(x.listed_aliases), 'listed_address', x.listed_address, 'reason', x.reason, "
                            + "'confidence', x.confidence, 'act_confidence_detail', e.confidence_detail, "
                            + sources("sanction_action_id")
                            + " || coalesce((select jsonb_agg(jsonb_build_object('source_id', c.source_id, 'url', s.url, 'title', s.title, "
                            + "'confidence', c.confidence, 'quote', c.quote) order by c.id) from citation c join source s on s.id = c.source_id "
                            + "where c.sanction_event_id = e.id), '[]'::jsonb)) from sanction_event e where e.id = x.event_id)")
            + ", "
            + "'allegations', coalesce((select jsonb_agg(jsonb_build_object('id', x.id, 'title', x.title, 'summary', x.summary, "
            + "'category', x.category, 'status', x.status, 'status_reason', x.status_reason, 'first_reported_on', x.first_reported_on, "
            + "'first_reported_precision', x.first_reported_precision, 'reported_by', x.reported_by, 'confidence', x.confidence, "
            + "'developments', coalesce((select jsonb_agg(jsonb_build_object('id', d.id, 'occurred_on', d.occurred_on, "
            + "'occurred_precision', d.occurred_precision, 'description', d.description, 'confidence', d.confidence) "
            + "order by d.occurred_on, d.id) from allegation_development d where d.allegation_id = x.id), '[]'::jsonb), "
            + sources("allegation_id")
            + ") order by x.id) from allegation x join allegation_vendor av on av.allegation_id = x.id "
            + "where av.vendor_id = v.id), '[]'::jsonb), "
            + "'statements', "
            + list(
                    "vendor_statement",
                    "x.vendor_id = v.id",
                    "jsonb_build_object('id', x.id, 'stated_on', x.stated_on, "
                            + "'stated_precision', x.stated_precision, 'speaker', x.speaker, 'quote', x.quote, 'summary', x.summary, "
                            + "'confidence', x.confidence, " + sources("vendor_statement_id") + ")")
            + ", "
            + "'notes', "
            + list(
                    "vendor_note",
                    "x.vendor_id = v.id",
                    "jsonb_build_object('id', x.id, 'text', x.text, 'confidence', x.confidence, "
                            + sources("vendor_note_id") + ")")
            + ")::text from vendor v order by v.id";

    /**
     * FollowTheMoney entities, in the shape OpenSanctions-style tools merge: vendors as Company (or
     * Organization for groups and consortia) with every name (codenames and weak names as weakAlias),
     * countries (group entities too), identifiers, listed addresses, current topics and sources;
     * people named in sanction actions as Person (id: the first action naming them, so a corrected
     * spelling keeps it) with aliases, addresses and an UnknownLink to the vendor they are listed
     * with; relationships as Ownership, Membership, Succession or UnknownLink; one Sanction per
     * listing, its delisting as its end date, with every source URL. Values are lists of strings,
     * dates ISO (partial where only the month or year is known), countries lower-case ISO codes.
     * {@code FollowTheMoneyTest} checks every line against FollowTheMoney's own model.
     */
    public static final String FTM = """
            with act as (
              select a.id, a.vendor_id, a.person_name, a.affiliated_vendor_id, a.listed_name, a.listed_aliases, a.listed_address,
                     a.reason, a.lifted_on, e.id as event_id, e.authority_code, e.program_code, e.program_detail, e.action_type,
                     e.title, e.effective_on, e.published_on, e.announced_on, e.lifted_on as event_lifted_on, e.document_number,
                     e.url, e.license_policy, coalesce(e.effective_on, e.published_on, e.announced_on) as start_on,
                     case when a.person_name is not null then vw_fold(a.person_name) end as person_key
              from sanction_action a join sanction_event e on e.id = a.event_id
            ), listing as (
              -- one Sanction per listing: a later removal of the same target from the same list is its end
              select l.*, (select min(r.start_on) from act r where r.action_type = 'REMOVED' and r.authority_code = l.authority_code
                             and r.program_code is not distinct from l.program_code and r.start_on >= l.start_on
                             and (r.vendor_id = l.vendor_id or r.person_key = l.person_key)) as removed_on
              from act l where l.action_type <> 'REMOVED'
            ), active as (
              select * from listing
              -- in force as SanctionQueries.inForce has it (binding, not lifted, in effect today in UTC), and not yet delisted
              where action_type in ('LISTED', 'DESIGNATED', 'AMENDED', 'VISA_RESTRICTION')
                and (removed_on is null or removed_on > (now() at time zone 'UTC')::date)
                and coalesce(lifted_on, event_lifted_on) is null and start_on <= (now() at time zone 'UTC')::date
            ), person as (
              -- a person's id is the first action naming them: a corrected spelling keeps it
              select person_key, min(id) as first_action from act where person_key is not null group by person_key
            )
            select doc::text from (
              select 1 as part, v.id as k, jsonb_build_object(
                'id', 'vendorwatch-vendor-' || v.id,
                'schema', case v.kind when 'COMPANY' then 'Company' else 'Organization' end,
                'properties', jsonb_strip_nulls(jsonb_build_object(
                  'name', jsonb_build_array(v.name),
                  'alias', (select jsonb_agg(distinct n.name) from vendor_name n where n.vendor_id = v.id and not n.weak
                            and n.kind in ('AKA', 'TRADE_NAME', 'LEGAL_NAME', 'LISTED_NAME') and n.name <> v.name),
                  'weakAlias', (select jsonb_agg(distinct n.name) from vendor_name n where n.vendor_id = v.id
                                and (n.weak or n.kind = 'INDUSTRY_CODENAME') and n.name <> v.name),
                  'previousName', (select jsonb_agg(distinct n.name) from vendor_name n where n.vendor_id = v.id and n.kind = 'FORMER_NAME'),
                  'jurisdiction', (select jsonb_agg(distinct lower(j.country_code)) from vendor_jurisdiction j
                                   where j.vendor_id = v.id and j.role = 'INCORPORATED'),
                  'country', (select jsonb_agg(distinct lower(j.country_code)) from vendor_jurisdiction j where j.vendor_id = v.id),
                  'address', (select jsonb_agg(distinct a.listed_address) from act a where a.vendor_id = v.id and a.listed_address is not null),
                  'innCode', (select jsonb_agg(distinct i.value) from vendor_identifier i where i.vendor_id = v.id and i.scheme = 'RU_INN'),
                  'ogrnCode', (select jsonb_agg(distinct i.value) from vendor_identifier i where i.vendor_id = v.id and i.scheme = 'RU_OGRN'),
                  'leiCode', (select jsonb_agg(distinct i.value) from vendor_identifier i where i.vendor_id = v.id and i.scheme = 'LEI'),
                  'registrationNumber', (select jsonb_agg(distinct i.value) from vendor_identifier i where i.vendor_id = v.id
                                         and i.scheme not in ('RU_INN', 'RU_OGRN', 'LEI', 'OFAC_SDN_ENTITY_NUMBER')),
                  'description', case when v.description is not null then jsonb_build_array(v.description) end,
                  'website', case when v.website is not null then jsonb_build_array(v.website) end,
                  'incorporationDate', case when v.founded_year is not null then jsonb_build_array(v.founded_year::text) end,
                  'topics', case when exists (select 1 from active a where a.vendor_id = v.id) then '["sanction"]'::jsonb end,
                  'sourceUrl', (select jsonb_agg(distinct s.url) from citation c join source s on s.id = c.source_id
                                where c.vendor_id = v.id and s.url is not null)
                ))) as doc
              from vendor v
              union all
              select 2, p.first_action, jsonb_build_object(
                'id', 'vendorwatch-person-' || p.first_action,
                'schema', 'Person',
                'properties', jsonb_strip_nulls(jsonb_build_object(
                  'name', jsonb_build_array(f.person_name),
                  'alias', (select jsonb_agg(distinct x) from (
                              select a.person_name as x from act a where a.person_key = p.person_key
                              union select a.listed_name from act a where a.person_key = p.person_key
                              union select unnest(a.listed_aliases) from act a where a.person_key = p.person_key) names
                            where x is not null and x <> f.person_name),
                  'address', (select jsonb_agg(distinct a.listed_address) from act a where a.person_key = p.person_key and a.listed_address is not null),
                  'topics', case when exists (select 1 from active a where a.person_key = p.person_key) then '["sanction"]'::jsonb end,
                  'sourceUrl', (select jsonb_agg(distinct s.url) from act a join citation c on c.sanction_action_id = a.id
                                join source s on s.id = c.source_id where a.person_key = p.person_key and s.url is not null)
                ))) as doc
              from person p join act f on f.id = p.first_action
              union all
              -- the person named with a vendor in a sanction listing
              select 3, min(a.id), jsonb_build_object(
                'id', 'vendorwatch-link-person-' || p.first_action || '-vendor-' || a.affiliated_vendor_id,
                'schema', 'UnknownLink',
                'properties', jsonb_build_object(
                  'subject', jsonb_build_array('vendorwatch-person-' || p.first_action),
                  'object', jsonb_build_array('vendorwatch-vendor-' || a.affiliated_vendor_id),
                  'role', jsonb_build_array('named with this vendor in a sanction listing')))
              from act a join person p on p.person_key = a.person_key
              where a.affiliated_vendor_id is not null group by p.first_action, a.affiliated_vendor_id
              union all
              select 4, r.id, jsonb_build_object(
                'id', 'vendorwatch-relationship-' || r.id,
                'schema', x.schema,
                'properties', jsonb_strip_nulls(x.ends || jsonb_build_object(
                  'role', jsonb_build_array(lower(replace(r.type, '_', ' '))),
                  'description', case when r.description is not null then jsonb_build_array(r.description) end,
                  'startDate', case when r.valid_from is not null then jsonb_build_array(case r.valid_from_precision when 'YEAR' then to_char(r.valid_from, 'YYYY') when 'MONTH' then to_char(r.valid_from, 'YYYY-MM') else r.valid_from::text end) end,
                  'endDate', case when r.valid_to is not null then jsonb_build_array(case r.valid_to_precision when 'YEAR' then to_char(r.valid_to, 'YYYY') when 'MONTH' then to_char(r.valid_to, 'YYYY-MM') else r.valid_to::text end) end,
                  'sourceUrl', (select jsonb_agg(distinct s.url) from citation c join source s on s.id = c.source_id
                                where c.vendor_relationship_id = r.id and s.url is not null)))) as doc
              from vendor_relationship r
              join vendor sv on sv.id = r.subject_vendor_id
              join vendor ov on ov.id = r.object_vendor_id
              cross join lateral (select
                case when r.type = 'PARENT_OF' and ov.kind = 'COMPANY' then 'Ownership'
                     when r.type = 'SUBSIDIARY_OF' and sv.kind = 'COMPANY' then 'Ownership'
                     when r.type = 'MEMBER_OF' then 'Membership'
                     when r.type = 'SUCCESSOR_OF' then 'Succession' else 'UnknownLink' end as schema) s0
              cross join lateral (select s0.schema, case s0.schema
                when 'Ownership' then case when r.type = 'PARENT_OF'
                  then jsonb_build_object('owner', jsonb_build_array('vendorwatch-vendor-' || sv.id), 'asset', jsonb_build_array('vendorwatch-vendor-' || ov.id))
                  else jsonb_build_object('owner', jsonb_build_array('vendorwatch-vendor-' || ov.id), 'asset', jsonb_build_array('vendorwatch-vendor-' || sv.id)) end
                when 'Membership' then jsonb_build_object('member', jsonb_build_array('vendorwatch-vendor-' || sv.id),
                                                          'organization', jsonb_build_array('vendorwatch-vendor-' || ov.id))
                when 'Succession' then jsonb_build_object('successor', jsonb_build_array('vendorwatch-vendor-' || sv.id),
                                                          'predecessor', jsonb_build_array('vendorwatch-vendor-' || ov.id))
                else jsonb_build_object('subject', jsonb_build_array('vendorwatch-vendor-' || sv.id),
                                        'object', jsonb_build_array('vendorwatch-vendor-' || ov.id)) end as ends) x
              union all
              select 5, l.id, jsonb_build_object(
                'id', 'vendorwatch-sanction-' || l.id,
                'schema', 'Sanction',
                'properties', jsonb_strip_nulls(jsonb_build_object(
                  'entity', jsonb_build_array(case when l.vendor_id is not null then 'vendorwatch-vendor-' || l.vendor_id
                                                   else 'vendorwatch-person-' || (select p.first_action from person p where p.person_key = l.person_key) end),
                  'authority', jsonb_build_array(au.name),
                  'authorityId', case when l.authority_code = 'US_OFAC' then (select jsonb_agg(distinct i.value) from vendor_identifier i
                                 where i.vendor_id = l.vendor_id and i.scheme = 'OFAC_SDN_ENTITY_NUMBER') end,
                  'program', jsonb_build_array(coalesce(pr.name, l.program_detail, l.action_type)),
                  'programId', case when l.program_code is not null then jsonb_build_array(l.program_code) end,
                  'provisions', case when l.license_policy is not null then jsonb_build_array(l.license_policy) end,
                  'reason', case when l.reason is not null then jsonb_build_array(l.reason) end,
                  'country', case when au.country_code is not null then jsonb_build_array(lower(au.country_code)) end,
                  'startDate', case when l.start_on is not null then jsonb_build_array(l.start_on::text) end,
                  'listingDate', case when l.published_on is not null then jsonb_build_array(l.published_on::text) end,
                  'endDate', case when coalesce(l.lifted_on, l.event_lifted_on, l.removed_on) is not null
                                  then jsonb_build_array(coalesce(l.lifted_on, l.event_lifted_on, l.removed_on)::text) end,
                  'status', jsonb_build_array(case when l.removed_on <= (now() at time zone 'UTC')::date then 'delisted'
                                                   when coalesce(l.lifted_on, l.event_lifted_on) is not null then 'lifted'
                                                   when l.start_on > (now() at time zone 'UTC')::date then 'scheduled' else 'active' end),
                  'summary', case when l.title is not null then jsonb_build_array(l.title) end,
                  'recordId', case when l.document_number is not null then jsonb_build_array(l.document_number) end,
                  'sourceUrl', (select jsonb_agg(distinct u) from (
                                  select l.url as u
                                  union select s.url from citation c join source s on s.id = c.source_id
                                  where c.sanction_action_id = l.id or c.sanction_event_id = l.event_id) urls where u is not null)
                ))) as doc
              from listing l
              join sanction_authority au on au.code = l.authority_code
              left join sanction_program pr on pr.code = l.program_code
            ) entities order by part, k""";
}
