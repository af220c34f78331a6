--liquibase formatted sql

--changeset vendorwatch:011-search-tables
-- One search over everything a reader may type: every name of every vendor, products, the people named
-- in sanction actions (and their listed aliases), sanction programmes and authorities by code and name.
-- Kept current by triggers in the writing transaction. Candidates come from the words of the names:
-- a small lexicon of distinct words (prefix, substring and typo lookups by trigram, nearest first),
-- then, per matching word, the shortest names holding it; only those few are ranked in full.
create table search_entry (
  id bigint generated always as identity primary key,
  entity_type text not null check (entity_type in ('Vendor', 'Product', 'Person', 'SanctionProgram', 'SanctionAuthority')),
  entity_key text not null check (length(entity_key) between 1 and 300),
  source_table text not null check (source_table ~ '^[a-z_]{1,60}$'),
  source_key text not null check (length(source_key) between 1 and 300),
  name text not null,
  name_kind text not null check (name_kind ~ '^[A-Z_]{1,40}$'),
  weak boolean not null default false,
  folded text not null
);
create index search_entry_source_idx on search_entry (source_table, source_key);
-- whole names: an exact match is always a candidate, however common its words
create index search_entry_folded_idx on search_entry (folded);
create index search_entry_entity_idx on search_entry (entity_type, entity_key);
comment on table search_entry is 'One searchable name: derived from the records by triggers (search_sync), never edited.';
comment on column search_entry.id is 'Surrogate key.';
comment on column search_entry.entity_type is 'What a hit on this name is: Vendor, Product, Person, SanctionProgram or SanctionAuthority.';
comment on column search_entry.entity_key is 'Which one: the vendor or product id, the folded person name, the programme or authority code.';
comment on column search_entry.source_table is 'The table of the row the name comes from.';
comment on column search_entry.source_key is 'That row''s key (id or code).';
comment on column search_entry.name is 'The name as stored.';
comment on column search_entry.name_kind is 'CANONICAL or a name kind for vendors; PRODUCT; PERSON or ALIAS; CODE or NAME for programmes and authorities.';
comment on column search_entry.weak is 'A weak alias (scores lower).';
comment on column search_entry.folded is 'vw_fold(name): accent- and case-folded.';

create table search_token (
  word text not null,
  length integer not null,
  entry_id bigint not null references search_entry (id) on delete cascade,
  entity_type text not null,
  entity_key text not null,
  name_kind text not null,
  weak boolean not null,
  folded text not null
);
-- the shortest names holding a word, with all the ranking needs, from the index alone
create index search_token_word_idx on search_token (word, length) include (entry_id, entity_type, entity_key, name_kind, weak, folded);
create index search_token_entry_idx on search_token (entry_id);
comment on table search_token is 'Each word of each searchable name, with what ranking needs (copied from search_entry): the shortest names holding a word, from an index alone.';
comment on column search_token.word is 'A word of the folded name (letters and digits).';
comment on column search_token.length is 'Length of the folded name: shorter names are better matches of the same word.';
comment on column search_token.entry_id is 'The name.';
comment on column search_token.entity_type is 'The entry''s entity type.';
comment on column search_token.entity_key is 'The entry''s entity key.';
comment on column search_token.name_kind is 'The entry''s name kind.';
comment on column search_token.weak is 'The entry''s weak flag.';
comment on column search_token.folded is 'The entry''s folded name.';

create table search_word (
  word text primary key
);
create index search_word_prefix_idx on search_word (word text_pattern_ops);
create index search_word_trgm_idx on search_word using gin (word gin_trgm_ops);
comment on table search_word is 'The distinct words of all searchable names: the lexicon typed words are looked up in (prefix, substring, nearest by trigram).';
comment on column search_word.word is 'A folded word.';

--changeset vendorwatch:011-search-sync splitStatements:false
create function search_split(folded text) returns text[] language sql immutable as $$
  select coalesce(array_agg(distinct w), '{}') from regexp_split_to_table(folded, '[^[:alnum:]]+') w where w <> ''
$$;
comment on function search_split(text) is 'The distinct words (runs of letters and digits) of a folded name.';

create function search_put(p_type text, p_key text, p_table text, p_source text, p_name text, p_kind text, p_weak boolean) returns void
  language plpgsql as $$
declare
  entry bigint;
  f text := vw_fold(p_name);
  words text[] := search_split(vw_fold(p_name));
begin
  if p_name is null or btrim(p_name) = '' then
    return;
  end if;
  insert into search_entry (entity_type, entity_key, source_table, source_key, name, name_kind, weak, folded)
  values (p_type, p_key, p_table, p_source, p_name, p_kind, coalesce(p_weak, false), f)
  returning id into entry;
  insert into search_token (word, length, entry_id, entity_type, entity_key, name_kind, weak, folded)
  select w, length(f), entry, p_type, p_key, p_kind, coalesce(p_weak, false), f from unnest(words) w;
  insert into search_word (word) select w from unnest(words) w on conflict do nothing;
end
$$;
comment on function search_put(text, text, text, text, text, text, boolean) is 'Adds one searchable name with its words.';

create function search_index_row(p_table text, r jsonb) returns void language plpgsql as $$
declare
  alias text;
  person text;
begin
  case p_table
    when 'vendor' then
      perform search_put('Vendor', r ->> 'id', p_table, r ->> 'id', r ->> 'name', 'CANONICAL', false);
    when 'vendor_name' then
      perform search_put('Vendor', r ->> 'vendor_id', p_table, r ->> 'id', r ->> 'name', r ->> 'kind', (r ->> 'weak')::boolean);
    when 'product' then
      perform search_put('Product', r ->> 'id', p_table, r ->> 'id', r ->> 'name', 'PRODUCT', false);
    when 'sanction_action' then
      person := r ->> 'person_name';
      if person is not null then
        perform search_put('Person', vw_fold(person), p_table, r ->> 'id', person, 'PERSON', false);
        for alias in select jsonb_array_elements_text(coalesce(r -> 'listed_aliases', '[]')) loop
          perform search_put('Person', vw_fold(person), p_table, r ->> 'id', alias, 'ALIAS', false);
        end loop;
      end if;
    when 'sanction_program' then
      perform search_put('SanctionProgram', r ->> 'code', p_table, r ->> 'code', r ->> 'code', 'CODE', false);
      perform search_put('SanctionProgram', r ->> 'code', p_table, r ->> 'code', r ->> 'name', 'NAME', false);
    when 'sanction_authority' then
      perform search_put('SanctionAuthority', r ->> 'code', p_table, r ->> 'code', r ->> 'code', 'CODE', false);
      perform search_put('SanctionAuthority', r ->> 'code', p_table, r ->> 'code', r ->> 'name', 'NAME', false);
  end case;
end
$$;
comment on function search_index_row(text, jsonb) is 'Adds the searchable names of one row of a searched table.';

create function search_source_key(p_table text, r jsonb) returns text language sql immutable as $$
  select case when p_table in ('sanction_program', 'sanction_authority') then r ->> 'code' else r ->> 'id' end
$$;
comment on function search_source_key(text, jsonb) is 'The key of a searched row: its code for programmes and authorities, else its id.';

create function search_sync() returns trigger language plpgsql as $$
declare
  gone text[];
begin
  if tg_op in ('UPDATE', 'DELETE') then
    with removed as (
      delete from search_entry where source_table = tg_table_name and source_key = search_source_key(tg_table_name, to_jsonb(old))
      returning folded)
    select coalesce(array_agg(distinct w), '{}') into gone from removed, unnest(search_split(removed.folded)) w;
    -- words no name holds any more leave the lexicon (a renamed record must not keep its old words' slots)
    delete from search_word sw where sw.word = any (gone) and not exists (select 1 from search_token t where t.word = sw.word);
  end if;
  if tg_op in ('INSERT', 'UPDATE') then
    perform search_index_row(tg_table_name, to_jsonb(new));
  end if;
  return null;
end
$$;
comment on function search_sync() is 'Row trigger on the searched tables: keeps search_entry, search_token and search_word current.';

create trigger vendor_search after insert or delete or update of name on vendor for each row execute function search_sync();
create trigger vendor_name_search after insert or delete or update of name, kind, weak, vendor_id on vendor_name
  for each row execute function search_sync();
create trigger product_search after insert or delete or update of name on product for each row execute function search_sync();
create trigger sanction_action_search after insert or delete or update of person_name, listed_aliases on sanction_action
  for each row execute function search_sync();
create trigger sanction_program_search after insert or delete or update of code, name on sanction_program
  for each row execute function search_sync();
create trigger sanction_authority_search after insert or delete or update of code, name on sanction_authority
  for each row execute function search_sync();

create function search_rebuild() returns bigint language plpgsql as $$
declare
  t text;
  n bigint;
begin
  truncate search_token, search_entry, search_word;
  foreach t in array array['vendor', 'vendor_name', 'product', 'sanction_action', 'sanction_program', 'sanction_authority'] loop
    execute format('select count(search_index_row(%L, to_jsonb(x))) from %I x', t, t);
  end loop;
  select count(*) into n from search_entry;
  return n;
end
$$;
comment on function search_rebuild() is 'Rebuilds the search tables from the records (after a bulk load with triggers off).';

select search_rebuild();

--changeset vendorwatch:011-search-function splitStatements:false
-- pg_trgm defines its settings when its library loads: load it, or the SET below names an unknown parameter
select public.similarity('', '');
create function search_hits(q text, n integer, kinds text[] default null)
  returns table (entity_type text, entity_key text, name text, name_kind text, match_type text, similarity double precision, score double precision)
  language plpgsql stable
  -- typo lookups admit words sharing a quarter of their trigrams (a swapped pair of letters in a short word)
  set pg_trgm.similarity_threshold = 0.25
  -- PL/pgSQL keeps the plan of the query below per connection: planning this statement costs 3 to 7 ms,
  -- running it under one; the generic plan is the right one for every query (the typed words come from
  -- a CTE, so no custom plan could use them), so plan it once
  set plan_cache_mode = force_generic_plan
  -- a millisecond of work is never worth compiling
  set jit = off
  as $$
#variable_conflict use_column
begin
  return query
  with query as (
    select vw_fold(btrim(q)) as f,
           replace(replace(replace(vw_fold(btrim(q)), '\', '\\'), '%', '\%'), '_', '\_') as esc
  ), typed as (
    select distinct w from query, regexp_split_to_table(query.f, '[^[:alnum:]]+') w where w <> ''
  ), words as (
    select w as word from typed
    union
    -- a word being typed: the shortest words it begins
    select s.word from typed, lateral (select word from search_word where word like typed.w || '%'
                                       order by length(word), word limit 8) s
    union
    -- a typo: the most similar words (trigram index)
    select s.word from typed, lateral (select word from search_word where length(typed.w) >= 3 and word % typed.w
                                       order by public.similarity(word, typed.w) desc, word limit 6) s
    union
    -- inside a word
    select s.word from typed, lateral (select word from search_word where length(typed.w) >= 4
                                       and word like '%' || typed.w || '%' order by length(word), word limit 6) s
  ), candidates as (
    -- per word, the shortest names holding it, from the index alone: only these few are ranked in full
    select distinct c.* from words, lateral (
      select t.entry_id, t.entity_type, t.entity_key, t.name_kind, t.weak, t.folded from search_token t
      where t.word = words.word and (kinds is null or t.entity_type = any (kinds))
      order by t.length limit 20) c
    union
    -- and the names that are the query, however many shorter names share their words (one index probe)
    select e.id, e.entity_type, e.entity_key, e.name_kind, e.weak, e.folded from query
      join search_entry e on e.folded = query.f and (kinds is null or e.entity_type = any (kinds))
  ), matched as (
    select c.*, public.similarity(c.folded, query.f) as sim,
           case when c.folded = query.f then 'EXACT'
                when c.folded like query.esc || '%' then 'PREFIX'
                when ' ' || c.folded like '% ' || query.esc || '%' then 'WORD_PREFIX'
                when c.folded like '%' || query.esc || '%' then 'SUBSTRING'
                else 'FUZZY' end as match_type,
           query.f
    from candidates c, query
  ), scored as (
    select entry_id, entity_type, entity_key, name_kind, folded, sim, match_type,
           (case match_type when 'EXACT' then 1.0
                            when 'PREFIX' then 0.75 + sim * 0.2
                            when 'WORD_PREFIX' then 0.5 + sim * 0.2
                            else greatest(sim, public.word_similarity(f, folded)) * 0.5 end)
             * (case when weak then 0.8 else 1.0 end) as score
    from matched
  ), best as (
    select distinct on (entity_type, entity_key) * from scored
    order by entity_type, entity_key, score desc, case when name_kind = 'CANONICAL' then 0 else 1 end, length(folded), folded
  ), top as (
    select * from best where match_type <> 'FUZZY' or score >= 0.1
    order by score desc, folded, entity_type, entity_key
    limit n
  )
  select t.entity_type, t.entity_key, e.name, t.name_kind, t.match_type, t.sim::double precision, t.score::double precision
  from top t join search_entry e on e.id = t.entry_id
  order by t.score desc, t.folded, t.entity_type, t.entity_key;
end
$$;
comment on function search_hits(text, integer, text[]) is 'Search over every searchable name (see search_entry): the best name per record, ranked EXACT > PREFIX > WORD_PREFIX > SUBSTRING/FUZZY by trigram similarity; kinds limits the entity types.';
