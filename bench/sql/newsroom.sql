-- SQL floor: the newsroom page (queries/newsroom.graphql) as one statement returning the same JSON as
-- Vendorwatch's "data". Hand-written: joins straight to codes, no connection machinery.
select json_build_object('vendors', json_build_object('edges', coalesce(json_agg(json_build_object('node', p.j) order by p.sort_name, p.id), '[]'::json)))
from (
  select v.sort_name, v.id, json_build_object(
    'slug', v.slug, 'name', v.name,
    'isSanctioned', coalesce((select true from sanction_action a join sanction_event e on e.id = a.event_id
                              where a.vendor_id = v.id and a.lifted_on is null and e.lifted_on is null
                                and e.action_type in ('LISTED', 'DESIGNATED', 'AMENDED', 'VISA_RESTRICTION')
                                and coalesce(e.effective_on, e.published_on, e.announced_on) <= (now() at time zone 'UTC')::date limit 1), false),
    'names', coalesce((select json_agg(json_build_object('name', n.name, 'kind', n.kind)
                               order by case n.kind when 'LEGAL_NAME' then 0 when 'LISTED_NAME' then 1 else 2 end, n.valid_from nulls first, n.name, n.id)
                       from vendor_name n where n.vendor_id = v.id), '[]'::json),
    'sanctionActions', json_build_object('edges', coalesce((
        select json_agg(json_build_object('node', json_build_object(
                 'authority', json_build_object('code', x.authority_code),
                 'program', case when x.program_code is null then null else json_build_object('code', x.program_code) end,
                 'actionType', x.action_type, 'effectiveOn', x.effective_on, 'citation', x.citation, 'url', x.url))
               order by x.sort_on desc, x.id desc)
        from (select e.authority_code, e.program_code, e.action_type, e.effective_on, e.citation, e.url, e.sort_on, a.id
              from sanction_action a join sanction_event e on e.id = a.event_id where a.vendor_id = v.id
              order by e.sort_on desc, a.id desc limit 10) x), '[]'::json)),
    'allegations', json_build_object('edges', coalesce((
        select json_agg(json_build_object('node', json_build_object(
                 'title', al.title, 'summary', al.summary, 'status', al.status, 'firstReportedOn', al.first_reported_on,
                 'sources', coalesce((
                    select json_agg(json_build_object('url', s.url, 'publisher', s.publisher, 'publishedOn', s.published_on)
                                    order by f.rank, s.sort_on desc, f.cid)
                    from (select distinct on (c.source_id) c.source_id,
                                 case c.confidence when 'HIGH' then 0 when 'MEDIUM' then 1 else 2 end as rank, c.id as cid
                          from citation c where c.allegation_id = al.id order by c.source_id, 2, c.id) f
                    join source s on s.id = f.source_id), '[]'::json)))
               order by al.first_reported_on desc, al.id desc)
        from (select al.* from allegation al join allegation_vendor av on av.allegation_id = al.id where av.vendor_id = v.id
              order by al.first_reported_on desc, al.id desc limit 5) al), '[]'::json))
  ) as j
  from (select * from vendor order by sort_name, id limit 50) v
) p;
