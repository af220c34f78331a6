-- SQL floor: a page of 20 vendors by name after the keyset (:key, :id) (queries/page.graphql); the
-- first page uses a key before every name.
select json_build_object('vendors', json_build_object(
  'edges', coalesce(json_agg(json_build_object('cursor', p.cur, 'node', json_build_object('slug', p.slug, 'name', p.name)) order by p.sort_name, p.id)
                    filter (where p.rn <= 20), '[]'::json),
  'pageInfo', json_build_object('hasNextPage', count(*) > 20,
                                'endCursor', (array_agg(p.cur order by p.sort_name, p.id))[least(count(*), 20)])))
from (select v.slug, v.name, v.sort_name, v.id, row_number() over (order by v.sort_name, v.id) as rn,
             vw_cursor('vendors' || ':' || 'NAME' || ':' || 'ASC', array[vw_cursor_escape(v.sort_name), v.id::text]) as cur  -- no colon before a name: pgbench would read a variable
      from vendor v where (v.sort_name, v.id) > (:key, :id) order by v.sort_name, v.id limit 21) p;
