--liquibase formatted sql

--changeset vendorwatch:012-read-model-tables
-- The read model: for each vendor, the public content a newsroom page reads (its names, sanction
-- actions with authority and programme, allegations with their sources), precomputed as JSON by the
-- service from the read path's own field definitions (platform/read/Documents). A write invalidates
-- what it touches in its own transaction (the triggers below delete the vendor's documents and queue
-- the vendor); the service rebuilds the queued vendors of its transaction before it commits, and a
-- background pass rebuilds what other writers queued (a bulk load, psql). A vendor without documents
-- is read from the tables, so a read is never stale.
create table vendor_document (
  vendor_id bigint not null references vendor (id) on delete cascade,
  field text not null check (field ~ '^[a-zA-Z]{1,60}$'),
  value jsonb not null,
  primary key (vendor_id, field)
);
-- stored uncompressed (out of line): a page reads 150 documents, and decompressing them cost a third of its time
alter table vendor_document alter column value set storage external;
comment on table vendor_document is 'Read model: one precomputed field of one vendor (derived by the service, never edited).';
comment on column vendor_document.vendor_id is 'The vendor.';
comment on column vendor_document.field is 'The GraphQL field of Vendor it holds, e.g. names or sanctionActions.';
comment on column vendor_document.value is 'Every element of the field, in its default order, with every field the document keeps (Documents.shapes).';

create table vendor_document_stale (
  vendor_id bigint not null,
  tx bigint not null default txid_current()
);
create index vendor_document_stale_tx_idx on vendor_document_stale (tx);
-- reads skip the documents of a queued vendor (a write outside the service may be rebuilding under them)
create index vendor_document_stale_vendor_idx on vendor_document_stale (vendor_id);
comment on table vendor_document_stale is 'Vendors whose documents a write invalidated: rebuilt by the writing transaction, else by the background pass.';
comment on column vendor_document_stale.vendor_id is 'The vendor (no foreign key: it may have been deleted since).';
comment on column vendor_document_stale.tx is 'The writing transaction (txid_current()): the service rebuilds its own before commit.';

create table read_model_state (
  name text primary key check (length(name) between 1 and 60),
  definition text not null check (length(definition) between 1 and 200)
);
comment on table read_model_state is 'The definition (a hash of the generating SQL) the stored documents were built with; another one clears them.';
comment on column read_model_state.name is 'The document table, e.g. vendor_document.';
comment on column read_model_state.definition is 'SHA-256 of the statement that builds the documents.';

--changeset vendorwatch:012-read-model-invalidation splitStatements:false
create function read_model_invalidate(ids bigint[]) returns void language sql set search_path = public, pg_temp as $$
  delete from vendor_document where vendor_id = any (ids);
  insert into vendor_document_stale (vendor_id) select distinct i from unnest(ids) i where i is not null;
$$;
comment on function read_model_invalidate(bigint[]) is 'Drops the documents of these vendors and queues them for a rebuild.';

-- One statement-level trigger function for every table the documents read: the vendors whose documents
-- the changed rows feed. The changed rows are in the transition tables old_rows and new_rows, which
-- only this function's own statements see (hence EXECUTE here, not a helper function). PostgreSQL
-- allows transition tables on single-event triggers only: three triggers per table.
create function read_model_touch() returns trigger language plpgsql set search_path = public, pg_temp as $$
declare
  ids bigint[] := '{}';
  part bigint[];
  q text;
  side text;
begin
  q := case tg_table_name
    when 'vendor' then 'select array_agg(r.id) from %1$I r'
    when 'vendor_name' then 'select array_agg(r.vendor_id) from %1$I r'
    when 'sanction_action' then 'select array_agg(r.vendor_id) from %1$I r'
    when 'sanction_event' then
      'select array_agg(a.vendor_id) from %1$I r join sanction_action a on a.event_id = r.id'
    when 'sanction_program' then
      'select array_agg(a.vendor_id) from %1$I r join sanction_event e on e.program_code = r.code
         join sanction_action a on a.event_id = e.id'
    when 'sanction_authority' then
      'select array_agg(a.vendor_id) from %1$I r join sanction_event e on e.authority_code = r.code
           or e.program_code in (select p.code from sanction_program p where p.authority_code = r.code)
         join sanction_action a on a.event_id = e.id'
    when 'allegation' then
      'select array_agg(x) from (select r.vendor_id x from %1$I r
         union select av.vendor_id from %1$I r join allegation_vendor av on av.allegation_id = r.id) v'
    when 'allegation_vendor' then 'select array_agg(r.vendor_id) from %1$I r'
    when 'citation' then
      'select array_agg(x) from (
         select r.vendor_id x from %1$I r
         union select n.vendor_id from %1$I r join vendor_name n on n.id = r.vendor_name_id
         union select a.vendor_id from %1$I r join sanction_action a on a.id = r.sanction_action_id
         union select a.vendor_id from %1$I r join sanction_action a on a.event_id = r.sanction_event_id
         union select av.vendor_id from %1$I r join allegation_vendor av on av.allegation_id = r.allegation_id
         union select al.vendor_id from %1$I r join allegation al on al.id = r.allegation_id) v'
    when 'source' then
      'select array_agg(x) from (
         select c.vendor_id x from %1$I r join citation c on c.source_id = r.id
         union select n.vendor_id from %1$I r join citation c on c.source_id = r.id join vendor_name n on n.id = c.vendor_name_id
         union select a.vendor_id from %1$I r join citation c on c.source_id = r.id join sanction_action a on a.id = c.sanction_action_id
         union select a.vendor_id from %1$I r join citation c on c.source_id = r.id join sanction_action a on a.event_id = c.sanction_event_id
         union select av.vendor_id from %1$I r join citation c on c.source_id = r.id join allegation_vendor av on av.allegation_id = c.allegation_id
         union select al.vendor_id from %1$I r join citation c on c.source_id = r.id join allegation al on al.id = c.allegation_id) v'
  end;
  foreach side in array case tg_op when 'INSERT' then array['new_rows'] when 'DELETE' then array['old_rows']
                                   else array['old_rows', 'new_rows'] end loop
    execute format(q, side) into part;
    ids := ids || coalesce(part, '{}');
  end loop;
  if cardinality(ids) > 0 then
    perform read_model_invalidate(ids);
  end if;
  return null;
end
$$;
comment on function read_model_touch() is 'Statement trigger on the tables the vendor documents read: invalidates the vendors the changed rows feed.';

create function read_model_truncated() returns trigger language plpgsql set search_path = public, pg_temp as $$
begin
  delete from vendor_document;  -- every vendor is read from the tables until the background pass rebuilds it
  return null;
end
$$;
comment on function read_model_truncated() is 'Statement trigger on TRUNCATE of a table the documents read: drops every document.';

do $$
declare
  t text;
begin
  foreach t in array array['vendor', 'vendor_name', 'sanction_action', 'sanction_event', 'sanction_program',
                           'sanction_authority', 'allegation', 'allegation_vendor', 'citation', 'source'] loop
    execute format('create trigger %I after insert on %I referencing new table as new_rows '
                   'for each statement execute function read_model_touch()', t || '_read_ins', t);
    execute format('create trigger %I after update on %I referencing old table as old_rows new table as new_rows '
                   'for each statement execute function read_model_touch()', t || '_read_upd', t);
    execute format('create trigger %I after delete on %I referencing old table as old_rows '
                   'for each statement execute function read_model_touch()', t || '_read_del', t);
    execute format('create trigger %I after truncate on %I for each statement execute function read_model_truncated()',
                   t || '_read_truncate', t);
  end loop;
end
$$;
