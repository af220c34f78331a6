--liquibase formatted sql

--changeset vendorwatch:008-audit-columns
alter table audit_event drop constraint audit_event_operation_check;
alter table audit_event add constraint audit_event_operation_check check (operation in
  ('CREATE', 'UPDATE', 'REMOVE', 'STATUS_CHANGE', 'LIFT', 'END', 'ATTACH', 'DETACH', 'WITHDRAW', 'MERGE', 'RESOLVE', 'REDACT'));
comment on column audit_event.operation is 'CREATE, UPDATE (a correction), REMOVE, STATUS_CHANGE, LIFT, END, ATTACH, DETACH, WITHDRAW (entered in error), MERGE, RESOLVE (a seed conflict settled) or REDACT (a value removed from the record and its history).';
alter table audit_event add column seal_seq bigint unique;
alter table audit_event add column digests jsonb;
alter table audit_event add column hash text check (hash ~ '^[0-9a-f]{64}$');
alter table audit_event add column redactions jsonb not null default '[]' check (jsonb_typeof(redactions) = 'array');
create index audit_event_unsealed_idx on audit_event (transaction_id, id) where seal_seq is null;
alter table audit_event add constraint audit_event_sealed_check check ((seal_seq is null) = (hash is null) and (seal_seq is null) = (digests is null));
comment on column audit_event.seal_seq is 'Position in the hash chain, given when the event is sealed (events are sealed in transaction order once their transaction has ended).';
comment on column audit_event.digests is 'SHA-256 of each before and after value as sealed, so a later redaction leaves the chain verifiable: {"before": {field: hex} or null, "after": ...}.';
comment on column audit_event.hash is 'SHA-256 over the previous event''s hash and this event''s canonical form (see docs/operations.md, "The audit trail").';
comment on column audit_event.redactions is 'Values removed from before/after by a redaction, as [{"field": ..., "redactionEventId": ...}]; their sealed digests stand.';

--changeset vendorwatch:008-append-only splitStatements:false
-- The trail stays append-only. Two changes are allowed, and only by the owner's functions below:
-- sealing an unsealed event (its chain columns only), and redacting a value (before/after and
-- redactions only). The service's own role holds no UPDATE, DELETE or TRUNCATE on it at all.
create or replace function audit_event_append_only() returns trigger language plpgsql as $$
declare
  maintenance text := coalesce(current_setting('vendorwatch.audit_maintenance', true), '');
begin
  if tg_op = 'UPDATE' and maintenance = 'seal' and old.seal_seq is null
     and to_jsonb(old) - array['seal_seq', 'digests', 'hash'] = to_jsonb(new) - array['seal_seq', 'digests', 'hash'] then
    return new;
  end if;
  if tg_op = 'UPDATE' and maintenance = 'redact'
     and to_jsonb(old) - array['before', 'after', 'redactions'] = to_jsonb(new) - array['before', 'after', 'redactions'] then
    return new;
  end if;
  raise exception 'audit_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end
$$;

--changeset vendorwatch:008-audit-capture splitStatements:false
-- Every write to a public record is captured here, in the writing transaction, whoever writes it:
-- the service sets who, which mutation, which act and why for its transaction (set_config, local);
-- a write by anything else is recorded as 'database:<role>'. The function runs as the owner, so the
-- service's role needs (and has) no INSERT on audit_event.
create function audit_capture() returns trigger language plpgsql security definer set search_path = public, pg_temp as $$
declare
  record_type text := tg_argv[0];
  internal text[] := array['seed_key', 'folded', 'sort_name', 'sort_on', 'lifted_by_event_id'];
  old_row jsonb;
  new_row jsonb;
  row_json jsonb;
  changed text[] := '{}';
  op text;
  vendor bigint;
  actor_subject text := nullif(current_setting('vendorwatch.actor_subject', true), '');
  actor_username text := nullif(current_setting('vendorwatch.actor_username', true), '');
begin
  if tg_op <> 'INSERT' then
    old_row := to_jsonb(old) - internal;
  end if;
  if tg_op <> 'DELETE' then
    new_row := to_jsonb(new) - internal;
  end if;
  if tg_op = 'UPDATE' then
    changed := coalesce(array(select k from jsonb_object_keys(old_row || new_row) k
      where k not in ('revision', 'updated_at', 'created_at') and (old_row -> k) is distinct from (new_row -> k) order by k), '{}');
    if cardinality(changed) = 0 then
      return null; -- bookkeeping only: no event
    end if;
  end if;
  row_json := coalesce(new_row, old_row);
  op := nullif(current_setting('vendorwatch.operation', true), '');
  if op is null then
    op := case tg_op
      when 'INSERT' then case when record_type = 'Citation' then 'ATTACH' else 'CREATE' end
      when 'DELETE' then case when record_type = 'Citation' then 'DETACH' else 'REMOVE' end
      else 'UPDATE' end;
  end if;
  vendor := case record_type
    when 'Vendor' then (row_json ->> 'id')::bigint
    when 'VendorRelationship' then (row_json ->> 'subject_vendor_id')::bigint
    when 'SanctionAction' then coalesce((row_json ->> 'vendor_id')::bigint, (row_json ->> 'affiliated_vendor_id')::bigint)
    else (row_json ->> 'vendor_id')::bigint end;
  if vendor is null then
    vendor := nullif(current_setting('vendorwatch.vendor_id', true), '')::bigint;
  end if;
  insert into audit_event (actor_subject, actor_username, mutation, operation, record_type, record_id, vendor_id, reason,
                           before, after, changed_fields)
  values (coalesce(actor_subject, 'database:' || session_user), coalesce(actor_username, actor_subject, 'database:' || session_user),
          coalesce(nullif(current_setting('vendorwatch.mutation', true), ''), 'sql'), op, record_type, (row_json ->> 'id')::bigint,
          vendor, nullif(current_setting('vendorwatch.reason', true), ''), old_row, new_row, changed);
  return null;
end
$$;
comment on function audit_capture() is 'Row trigger on every public table: appends the write to audit_event (argument 0: the record type).';

create trigger source_audit after insert or update or delete on source for each row execute function audit_capture('Source');
create trigger vendor_audit after insert or update or delete on vendor for each row execute function audit_capture('Vendor');
create trigger vendor_name_audit after insert or update or delete on vendor_name for each row execute function audit_capture('VendorName');
create trigger vendor_jurisdiction_audit after insert or update or delete on vendor_jurisdiction for each row execute function audit_capture('VendorJurisdiction');
create trigger vendor_identifier_audit after insert or update or delete on vendor_identifier for each row execute function audit_capture('VendorIdentifier');
create trigger vendor_relationship_audit after insert or update or delete on vendor_relationship for each row execute function audit_capture('VendorRelationship');
create trigger product_audit after insert or update or delete on product for each row execute function audit_capture('Product');
create trigger product_vendor_audit after insert or update or delete on product_vendor for each row execute function audit_capture('ProductVendor');
create trigger sanction_authority_audit after insert or update or delete on sanction_authority for each row execute function audit_capture('SanctionAuthority');
create trigger sanction_program_audit after insert or update or delete on sanction_program for each row execute function audit_capture('SanctionProgram');
create trigger sanction_event_audit after insert or update or delete on sanction_event for each row execute function audit_capture('SanctionEvent');
create trigger sanction_action_audit after insert or update or delete on sanction_action for each row execute function audit_capture('SanctionAction');
create trigger allegation_audit after insert or update or delete on allegation for each row execute function audit_capture('Allegation');
create trigger allegation_vendor_audit after insert or update or delete on allegation_vendor for each row execute function audit_capture('AllegationVendor');
create trigger allegation_development_audit after insert or update or delete on allegation_development for each row execute function audit_capture('AllegationDevelopment');
create trigger vendor_statement_audit after insert or update or delete on vendor_statement for each row execute function audit_capture('VendorStatement');
create trigger vendor_note_audit after insert or update or delete on vendor_note for each row execute function audit_capture('VendorNote');
create trigger citation_audit after insert or update or delete on citation for each row execute function audit_capture('Citation');
create trigger seed_conflict_audit after update on seed_conflict for each row execute function audit_capture('SeedConflict');

--changeset vendorwatch:008-audit-seal splitStatements:false
-- The hash chain. An event is sealed once its transaction has ended (so events are chained in one
-- order whatever commits when): seal_seq, the digest of each value, and the hash over the previous
-- hash and the event's canonical form. The canonical form is documented in docs/operations.md and
-- recomputed independently by the service's verifier (org.vendorwatch.audit.TrailVerifier).
create function audit_canonical_field(v text) returns text language sql immutable as $$
  select case when v is null then '-' else octet_length(convert_to(v, 'UTF8')) || ':' || v end || E'\n'
$$;
comment on function audit_canonical_field(text) is 'One field of an audit event''s canonical form: its UTF-8 length, a colon and the text, or - for null; then a newline.';

create function audit_value_digests(doc jsonb) returns jsonb language sql immutable as $$
  select case when doc is null then null else coalesce((select jsonb_object_agg(key, encode(sha256(convert_to(value::text, 'UTF8')), 'hex'))
                                                        from jsonb_each(doc)), '{}'::jsonb) end
$$;
comment on function audit_value_digests(jsonb) is 'SHA-256 (hex) of the JSON text of each value of a before/after document.';

create function audit_digest_list(digests jsonb) returns text language sql immutable as $$
  select case when digests is null or jsonb_typeof(digests) = 'null' then null
    else coalesce((select string_agg(key || '=' || (digests ->> key), ';' order by convert_to(key, 'UTF8'))
                   from jsonb_object_keys(digests) key), '') end
$$;
comment on function audit_digest_list(jsonb) is 'The digests of a document as key=hex pairs joined by ; in byte order of the keys.';

create function audit_canonical(e audit_event, digests jsonb) returns text language sql immutable as $$
  select audit_canonical_field(e.id::text) || audit_canonical_field(e.transaction_id::text)
      || audit_canonical_field(((extract(epoch from e.occurred_at) * 1000000)::bigint)::text)
      || audit_canonical_field(e.actor_subject) || audit_canonical_field(e.actor_username) || audit_canonical_field(e.mutation)
      || audit_canonical_field(e.operation) || audit_canonical_field(e.record_type) || audit_canonical_field(e.record_id::text)
      || audit_canonical_field(e.vendor_id::text) || audit_canonical_field(e.reason)
      || audit_canonical_field(array_to_string(e.changed_fields, ','))
      || audit_canonical_field(audit_digest_list(digests -> 'before')) || audit_canonical_field(audit_digest_list(digests -> 'after'))
$$;
comment on function audit_canonical(audit_event, jsonb) is 'The canonical text of an audit event that its hash covers (values by their digests).';

create function audit_seal(max_events integer default 100000) returns bigint language plpgsql security definer
  set search_path = public, pg_temp as $$
declare
  horizon xid8 := pg_snapshot_xmin(pg_current_snapshot());
  prev text;
  seq bigint;
  e audit_event;
  d jsonb;
  sealed bigint := 0;
begin
  perform pg_advisory_xact_lock(hashtext('vendorwatch.audit_seal'));
  select hash, seal_seq into prev, seq from audit_event where seal_seq is not null order by seal_seq desc limit 1;
  prev := coalesce(prev, repeat('0', 64));
  seq := coalesce(seq, 0);
  perform set_config('vendorwatch.audit_maintenance', 'seal', true);
  for e in select * from audit_event where seal_seq is null and transaction_id < horizon order by transaction_id, id limit max_events loop
    d := jsonb_build_object('before', audit_value_digests(e.before), 'after', audit_value_digests(e.after));
    seq := seq + 1;
    prev := encode(sha256(convert_to(prev || E'\n' || audit_canonical(e, d), 'UTF8')), 'hex');
    update audit_event set seal_seq = seq, digests = d, hash = prev where id = e.id;
    sealed := sealed + 1;
  end loop;
  perform set_config('vendorwatch.audit_maintenance', '', true);
  return sealed;
end
$$;
comment on function audit_seal(integer) is 'Seals the events of ended transactions into the hash chain, in transaction order; returns how many. Runs as the owner; the service calls it every few seconds and before a release.';

--changeset vendorwatch:008-audit-redact splitStatements:false
create function audit_redact(p_record_type text, p_record_id bigint, p_field text, p_redaction_event bigint) returns integer
  language plpgsql security definer set search_path = public, pg_temp as $$
declare
  n integer;
begin
  if p_field !~ '^[a-z_]{1,60}$' then
    raise exception 'not a field name: %', p_field using errcode = 'invalid_parameter_value';
  end if;
  -- only alongside the redaction itself: a REDACT event of this record and field, in this transaction
  if not exists (select 1 from audit_event where id = p_redaction_event and operation = 'REDACT' and record_type = p_record_type
                 and record_id = p_record_id and p_field = any (changed_fields) and transaction_id = pg_current_xact_id()) then
    raise exception 'a redaction needs its REDACT event, in the same transaction' using errcode = 'insufficient_privilege';
  end if;
  perform set_config('vendorwatch.audit_maintenance', 'redact', true);
  update audit_event set
    before = case when before ? p_field then jsonb_set(before, array[p_field], '"[redacted]"') else before end,
    after = case when after ? p_field then jsonb_set(after, array[p_field], '"[redacted]"') else after end,
    redactions = redactions || jsonb_build_array(jsonb_build_object('field', p_field, 'redactionEventId', p_redaction_event))
  where record_type = p_record_type and record_id = p_record_id
    and ((before ? p_field and before -> p_field <> '"[redacted]"') or (after ? p_field and after -> p_field <> '"[redacted]"'));
  get diagnostics n = row_count;
  perform set_config('vendorwatch.audit_maintenance', '', true);
  return n;
end
$$;
comment on function audit_redact(text, bigint, text, bigint) is 'Replaces a field''s value by "[redacted]" in every event of one record, noting it in redactions (the sealed digests stand, so the chain still verifies). Runs as the owner; called by the redactValue mutation.';

--changeset vendorwatch:008-pseudonyms
create table audit_pseudonym_key (
  id integer primary key default 1 check (id = 1),
  key text not null check (length(key) >= 64)
);
insert into audit_pseudonym_key (key) values (replace(gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));
comment on table audit_pseudonym_key is 'The key anonymous readers'' pseudonyms of editors derive from (HMAC of the editor''s subject): stable for this database, never published.';
comment on column audit_pseudonym_key.id is 'Always 1: a single row.';
comment on column audit_pseudonym_key.key is 'Random hex, generated when the migration ran.';
