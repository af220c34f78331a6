-- SQL floor: vendor by slug (queries/byslug.graphql) for the vendor with id :id (pgbench picks one at
-- random; the slug's unique index costs the same as the id's).
select json_build_object('vendor', (
  select json_build_object('slug', v.slug, 'name', v.name, 'kind', v.kind, 'description', v.description,
    'names', coalesce((select json_agg(json_build_object('name', n.name, 'kind', n.kind)
                               order by case n.kind when 'LEGAL_NAME' then 0 when 'LISTED_NAME' then 1 else 2 end, n.valid_from nulls first, n.name, n.id)
                       from vendor_name n where n.vendor_id = v.id), '[]'::json),
    'sanctionActions', json_build_object('edges', coalesce((
        select json_agg(json_build_object('node', json_build_object(
                 'authority', json_build_object('code', x.authority_code),
                 'program', case when x.program_code is null then null else json_build_object('code', x.program_code) end,
                 'actionType', x.action_type, 'effectiveOn', x.effective_on, 'citation', x.citation))
               order by x.sort_on desc, x.id desc)
        from (select e.authority_code, e.program_code, e.action_type, e.effective_on, e.citation, e.sort_on, a.id
              from sanction_action a join sanction_event e on e.id = a.event_id where a.vendor_id = v.id
              order by e.sort_on desc, a.id desc limit 10) x), '[]'::json)))
  from vendor v where v.id = :id));
