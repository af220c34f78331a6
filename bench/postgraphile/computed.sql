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

-- Vendorwatch's search ranks in PostgreSQL (migration 011, search_hits); PostGraphile and the SQL floor
-- call the same function, so all three serve the same hits in the same order.
create or replace function search_vendor_hits(q text, n int) returns setof bench_search_hit language sql stable as $$
  select v.slug, v.name, h.name, h.match_type, round(h.score::numeric, 3)::float8
  from search_hits(q, n, array['Vendor']) with ordinality h join vendor v on v.id = h.entity_key::bigint
  order by h.ordinality
$$;

drop type if exists bench_any_hit cascade;
create type bench_any_hit as (typename text, matched_name text, match_type text, score float8, slug text);

-- searchAll: every kind of record; the slug of a vendor or product hit.
create or replace function search_all_hits(q text, n int) returns setof bench_any_hit language sql stable as $$
  select case h.entity_type when 'Vendor' then 'VendorHit' when 'Product' then 'ProductHit' when 'Person' then 'PersonHit'
              when 'SanctionProgram' then 'SanctionProgramHit' else 'SanctionAuthorityHit' end,
         h.name, h.match_type, round(h.score::numeric, 3)::float8,
         case h.entity_type when 'Vendor' then (select slug from vendor where id = h.entity_key::bigint)
                            when 'Product' then (select slug from product where id = h.entity_key::bigint) end
  from search_hits(q, n) with ordinality h
  order by h.ordinality
$$;
