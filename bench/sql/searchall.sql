-- SQL floor: searchAll (queries/searchall.graphql) for :q, as the same JSON as Vendorwatch's answer.
select json_build_object('searchAll', coalesce(json_agg(case
         when h.typename = 'VendorHit' then json_build_object('__typename', h.typename, 'matchedName', h.matched_name,
           'matchType', h.match_type, 'score', h.score, 'vendor', json_build_object('slug', h.slug))
         when h.typename = 'ProductHit' then json_build_object('__typename', h.typename, 'matchedName', h.matched_name,
           'matchType', h.match_type, 'score', h.score, 'product', json_build_object('slug', h.slug))
         else json_build_object('__typename', h.typename, 'matchedName', h.matched_name, 'matchType', h.match_type, 'score', h.score)
       end), '[]'::json))
from search_all_hits(:q, 10) h;
