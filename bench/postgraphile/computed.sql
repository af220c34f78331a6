-- Computed columns and a search function that let PostGraphile v4 serve the benchmark's operations
-- with the same data as Vendorwatch (same rows, same order, same deduplication). Loaded by
-- bench/run.sh into the benchmark's own database only; never part of migrations/.
create or replace function vendor_is_sanctioned(v vendor) returns boolean language sql stable as $$
  select coalesce((select true from sanction_action a join sanction_event e on e.id = a.event_id
                   where a.vendor_id = v.id and a.lifted_on is null and e.lifted_on is null
                     and e.action_type in ('LISTED', 'DESIGNATED', 'AMENDED', 'VISA_RESTRICTION')
                     and coalesce(e.effective_on, e.published_on, e.announced_on) <= (now() at time zone 'UTC')::date limit 1), false)
$$;

create or replace function vendor_names_in_order(v vendor) returns setof vendor_name language sql stable as $$
  select n.* from vendor_name n where n.vendor_id = v.id
  order by case n.kind when 'LEGAL_NAME' then 0 when 'LISTED_NAME' then 1 else 2 end, n.valid_from nulls first, n.name, n.id
$$;

create or replace function vendor_sanctions_newest(v vendor) returns setof sanction_action language sql stable as $$
  select a.* from sanction_action a join sanction_event e on e.id = a.event_id where a.vendor_id = v.id
  order by e.sort_on desc, a.id desc
$$;

create or replace function vendor_allegations_newest(v vendor) returns setof allegation language sql stable as $$
  select al.* from allegation al join allegation_vendor av on av.allegation_id = al.id where av.vendor_id = v.id
  order by al.first_reported_on desc, al.id desc
$$;

create or replace function allegation_sources_in_order(a allegation) returns setof source language sql stable as $$
  select s.* from (select distinct on (c.source_id) c.source_id,
                          case c.confidence when 'HIGH' then 0 when 'MEDIUM' then 1 else 2 end as rank, c.id as cid
                   from citation c where c.allegation_id = a.id order by c.source_id, 2, c.id) f
  join source s on s.id = f.source_id
  order by f.rank, s.sort_on desc, f.cid
$$;

drop type if exists bench_search_hit cascade;
create type bench_search_hit as (vendor_slug text, vendor_name text, matched_name text, match_type text, score float8);

-- The same ranking as Vendorwatch's search (SearchQueries): candidates from the trigram indexes, best
-- name per vendor, then score, name, id.
create or replace function search_vendor_hits(q text, n int) returns setof bench_search_hit language sql stable as $$
  with c as (
    select v.id as vendor_id, v.name, 'CANONICAL' as kind, v.sort_name as folded, false as weak from vendor v
     where v.sort_name % vw_fold(q) or vw_fold(q) <% v.sort_name or v.sort_name like '%' || vw_fold(q) || '%'
    union all
    select n.vendor_id, n.name, n.kind, n.folded, n.weak from vendor_name n
     where n.folded % vw_fold(q) or vw_fold(q) <% n.folded or n.folded like '%' || vw_fold(q) || '%'
  ), s as (
    select vendor_id, name, kind,
           case when folded = vw_fold(q) then 'EXACT' when folded like vw_fold(q) || '%' then 'PREFIX'
                when ' ' || folded like '% ' || vw_fold(q) || '%' then 'WORD_PREFIX'
                when folded like '%' || vw_fold(q) || '%' then 'SUBSTRING' else 'FUZZY' end as match_type,
           (case when folded = vw_fold(q) then 1.0
                 when folded like vw_fold(q) || '%' then 0.75 + similarity(folded, vw_fold(q)) * 0.2
                 when ' ' || folded like '% ' || vw_fold(q) || '%' then 0.5 + similarity(folded, vw_fold(q)) * 0.2
                 else greatest(similarity(folded, vw_fold(q)), word_similarity(vw_fold(q), folded)) * 0.5 end)
             * (case when weak then 0.8 else 1.0 end) as score
    from c
  ), b as (
    select distinct on (vendor_id) * from s order by vendor_id, score desc, case when kind = 'CANONICAL' then 0 else 1 end, length(name)
  )
  select v.slug, v.name, b.name, b.match_type, round(b.score::numeric, 3)::float8
  from b join vendor v on v.id = b.vendor_id order by b.score desc, v.sort_name, v.id limit n
$$;
