-- SQL floor: search with a typo (queries/search.graphql): the same ranking as SearchQueries, as JSON.
select json_build_object('search', coalesce(json_agg(json_build_object('matchedName', h.matched_name, 'matchType', h.match_type,
         'score', h.score, 'vendor', json_build_object('slug', h.vendor_slug, 'name', h.vendor_name))), '[]'::json))
from search_vendor_hits('Intelexa', 10) h;
