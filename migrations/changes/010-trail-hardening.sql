--liquibase formatted sql

--changeset vendorwatch:010-digest-key
-- Value digests are keyed: a short redacted value (a phone number) cannot be found by hashing guesses
-- against the public chain. The key never leaves the database (the operator's verifier reads it).
create table audit_digest_key (
  id integer primary key default 1 check (id = 1),
  key text not null check (key ~ '^[0-9a-f]{64,}$')
);
insert into audit_digest_key (key) values (replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''));
comment on table audit_digest_key is 'The key of the audit trail''s value digests (SHA-256 of key, newline, value), so that a redacted value cannot be recovered by guessing; never published.';
comment on column audit_digest_key.id is 'Always 1: a single row.';
comment on column audit_digest_key.key is 'Random hex, generated when the migration ran.';

--changeset vendorwatch:010-capture-guard splitStatements:false
-- audit_capture runs as the owner: it now refuses to run for anything but the tables it was made for
-- (a trigger on a temporary table calling it could otherwise forge events), strips the bookkeeping of
-- a merged vendor's kept row, and nobody may call it but the triggers (EXECUTE is revoked below).
create or replace function audit_capture() returns trigger language plpgsql security definer set search_path = public, pg_temp as $$
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
  if tg_table_schema <> 'public' or tg_table_name <> lower(regexp_replace(record_type, '([a-z])([A-Z])', '\1_\2', 'g')) then
    raise exception 'audit_capture is for the audited tables only, not %.%', tg_table_schema, tg_table_name
      using errcode = 'insufficient_privilege';
  end if;
  if tg_op <> 'INSERT' then
    old_row := to_jsonb(old) - internal;
  end if;
  if tg_op <> 'DELETE' then
    new_row := to_jsonb(new) - internal;
  end if;
  if record_type = 'SeedConflict' then
    -- the values in conflict are the seed's and the record's, whose own events hold them
    old_row := old_row - array['seed_values', 'current_values'];
    new_row := new_row - array['seed_values', 'current_values'];
  end if;
  if record_type = 'VendorMerge' then
    old_row := case when old_row is null then null else old_row || jsonb_build_object('record', (old_row -> 'record') - internal) end;
    new_row := case when new_row is null then null else new_row || jsonb_build_object('record', (new_row -> 'record') - internal) end;
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
    when 'VendorMerge' then (row_json ->> 'survivor_id')::bigint
    when 'VendorRelationship' then (row_json ->> 'subject_vendor_id')::bigint
    when 'SanctionAction' then coalesce((row_json ->> 'vendor_id')::bigint, (row_json ->> 'affiliated_vendor_id')::bigint)
    else (row_json ->> 'vendor_id')::bigint end;
  if vendor is null then
    vendor := nullif(current_setting('vendorwatch.vendor_id', true), '')::bigint;
  end if;
  insert into audit_event (actor_subject, actor_username, mutation, operation, record_type, record_id, vendor_id, reason,
                           before, after, changed_fields)
  values (coalesce(actor_subject, 'database:' || session_user), coalesce(actor_username, actor_subject, 'database:' || session_user),
          coalesce(nullif(current_setting('vendorwatch.mutation', true), ''), 'sql'), op, record_type,
          coalesce(row_json ->> 'id', row_json ->> 'merged_id')::bigint,
          vendor, nullif(current_setting('vendorwatch.reason', true), ''), old_row, new_row, changed);
  return null;
end
$$;
drop trigger vendor_merge_audit on vendor_merge;
create trigger vendor_merge_audit after insert or update or delete on vendor_merge for each row execute function audit_capture('VendorMerge');
create trigger seed_conflict_audit_insert after insert or delete on seed_conflict for each row execute function audit_capture('SeedConflict');

--changeset vendorwatch:010-strict-append-only splitStatements:false
-- The owner's two maintenance updates, narrowed to exactly what they do: sealing fills the chain
-- columns of an unsealed event; a redaction replaces values (and the reason) by "[redacted]" and
-- appends to redactions. Anything else is refused, for the owner too.
create function audit_only_redacted(before_doc jsonb, after_doc jsonb) returns boolean language sql immutable as $$
  select case
    when before_doc is null or after_doc is null then before_doc is null and after_doc is null
    else (select count(*) from jsonb_object_keys(before_doc)) = (select count(*) from jsonb_object_keys(after_doc))
         and coalesce((select bool_and(after_doc ? k and (after_doc -> k = before_doc -> k or after_doc -> k = '"[redacted]"'::jsonb))
                       from jsonb_object_keys(before_doc) k), true)
  end
$$;
comment on function audit_only_redacted(jsonb, jsonb) is 'True when the second document is the first with some values replaced by "[redacted]".';

create or replace function audit_event_append_only() returns trigger language plpgsql as $$
declare
  maintenance text := coalesce(current_setting('vendorwatch.audit_maintenance', true), '');
begin
  if tg_op = 'UPDATE' and maintenance = 'seal' and old.seal_seq is null
     and to_jsonb(old) - array['seal_seq', 'digests', 'hash'] = to_jsonb(new) - array['seal_seq', 'digests', 'hash'] then
    return new;
  end if;
  if tg_op = 'UPDATE' and maintenance = 'redact'
     and to_jsonb(old) - array['before', 'after', 'redactions', 'reason'] = to_jsonb(new) - array['before', 'after', 'redactions', 'reason']
     and audit_only_redacted(old.before, new.before) and audit_only_redacted(old.after, new.after)
     and (new.reason is not distinct from old.reason or new.reason = '[redacted]')
     and jsonb_array_length(new.redactions) > jsonb_array_length(old.redactions)
     and (select coalesce(jsonb_agg(r), '[]') from jsonb_array_elements(new.redactions) with ordinality a(r, i)
          where i <= jsonb_array_length(old.redactions)) = old.redactions then
    return new;
  end if;
  raise exception 'audit_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end
$$;

--changeset vendorwatch:010-keyed-canonical splitStatements:false
-- Values, and the reason, enter the chain by their keyed digests, so either can be redacted and the
-- chain still verifies. The canonical form is in docs/operations.md; audit/TrailVerifier recomputes it.
create or replace function audit_keyed_digest(v text) returns text language sql stable security definer set search_path = public, pg_temp as $$
  select encode(sha256(convert_to((select key from audit_digest_key where id = 1) || E'\n' || v, 'UTF8')), 'hex')
$$;
comment on function audit_keyed_digest(text) is 'SHA-256 (hex) of the digest key, a newline and the text.';

create or replace function audit_value_digests(doc jsonb) returns jsonb language sql stable as $$
  select case when doc is null or jsonb_typeof(doc) = 'null' then null
    else coalesce((select jsonb_object_agg(key, audit_keyed_digest(value::text)) from jsonb_each(doc)), '{}'::jsonb) end
$$;

create or replace function audit_canonical(e audit_event, digests jsonb) returns text language sql immutable as $$
  select audit_canonical_field(e.id::text) || audit_canonical_field(e.transaction_id::text)
      || audit_canonical_field(((extract(epoch from e.occurred_at) * 1000000)::bigint)::text)
      || audit_canonical_field(e.actor_subject) || audit_canonical_field(e.actor_username) || audit_canonical_field(e.mutation)
      || audit_canonical_field(e.operation) || audit_canonical_field(e.record_type) || audit_canonical_field(e.record_id::text)
      || audit_canonical_field(e.vendor_id::text) || audit_canonical_field(digests ->> 'reason')
      || audit_canonical_field(array_to_string(e.changed_fields, ','))
      || audit_canonical_field(audit_digest_list(digests -> 'before')) || audit_canonical_field(audit_digest_list(digests -> 'after'))
$$;

create or replace function audit_seal(max_events integer default 100000) returns bigint language plpgsql security definer
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
    d := jsonb_build_object('before', audit_value_digests(e.before), 'after', audit_value_digests(e.after),
                            'reason', case when e.reason is null then null else audit_keyed_digest(e.reason) end);
    seq := seq + 1;
    prev := encode(sha256(convert_to(prev || E'\n' || audit_canonical(e, d), 'UTF8')), 'hex');
    update audit_event set seal_seq = seq, digests = d, hash = prev where id = e.id;
    sealed := sealed + 1;
  end loop;
  perform set_config('vendorwatch.audit_maintenance', '', true);
  return sealed;
end
$$;

--changeset vendorwatch:010-redaction-everywhere splitStatements:false
-- A redaction reaches every copy the database keeps: the record's events, the withdrawn or merged
-- record kept for node(id), and open or settled seed conflicts about it. Only alongside its REDACT event.
create or replace function audit_redact(p_record_type text, p_record_id bigint, p_field text, p_redaction_event bigint) returns integer
  language plpgsql security definer set search_path = public, pg_temp as $$
declare
  n integer;
  redacted constant jsonb := '"[redacted]"';
begin
  if p_field !~ '^[a-z_]{1,60}$' then
    raise exception 'not a field name: %', p_field using errcode = 'invalid_parameter_value';
  end if;
  if not exists (select 1 from audit_event where id = p_redaction_event and operation = 'REDACT' and record_type = p_record_type
                 and record_id = p_record_id and p_field = any (changed_fields) and transaction_id = pg_current_xact_id()) then
    raise exception 'a redaction needs its REDACT event, in the same transaction' using errcode = 'insufficient_privilege';
  end if;
  perform set_config('vendorwatch.audit_maintenance', 'redact', true);
  update audit_event set
    before = case when before ? p_field then jsonb_set(before, array[p_field], redacted) else before end,
    after = case when after ? p_field then jsonb_set(after, array[p_field], redacted) else after end,
    redactions = redactions || jsonb_build_array(jsonb_build_object('field', p_field, 'redactionEventId', p_redaction_event))
  where record_type = p_record_type and record_id = p_record_id
    and ((before ? p_field and before -> p_field <> redacted) or (after ? p_field and after -> p_field <> redacted));
  get diagnostics n = row_count;
  -- a merged vendor's row, kept whole in the VendorMerge events of the survivor: the copy there goes
  -- (a redaction replaces whole values only); vendor_merge keeps the row with the field redacted
  if p_record_type = 'Vendor' then
    update audit_event set
      before = case when before ? 'record' and before -> 'record' <> redacted then jsonb_set(before, array['record'], redacted) else before end,
      after = case when after ? 'record' and after -> 'record' <> redacted then jsonb_set(after, array['record'], redacted) else after end,
      redactions = redactions || jsonb_build_array(jsonb_build_object('field', 'record', 'redactionEventId', p_redaction_event))
    where record_type = 'VendorMerge' and record_id = p_record_id
      and ((before ? 'record' and before -> 'record' <> redacted) or (after ? 'record' and after -> 'record' <> redacted));
    update vendor_merge set record = jsonb_set(record, array[p_field], redacted) where merged_id = p_record_id and record ? p_field;
  end if;
  perform set_config('vendorwatch.audit_maintenance', '', true);
  update withdrawal set record = jsonb_set(record, array[p_field], redacted)
    where record_type = p_record_type and record_id = p_record_id and record ? p_field;
  update seed_conflict set
    seed_values = case when seed_values ? p_field then jsonb_set(seed_values, array[p_field], redacted) else seed_values end,
    current_values = case when current_values ? p_field then jsonb_set(current_values, array[p_field], redacted) else current_values end
    where record_type = p_record_type and record_id = p_record_id;
  return n;
end
$$;

create function audit_redact_gone(p_record_type text, p_record_id bigint, p_field text, p_reason text) returns integer
  language plpgsql security definer set search_path = public, pg_temp as $$
declare
  kept jsonb;
  event_id bigint;
begin
  if p_field !~ '^[a-z_]{1,60}$' or p_reason is null or btrim(p_reason) = '' then
    raise exception 'a field name and a reason are needed' using errcode = 'invalid_parameter_value';
  end if;
  select record into kept from withdrawal where record_type = p_record_type and record_id = p_record_id;
  if kept is null and p_record_type = 'Vendor' then
    select record into kept from vendor_merge where merged_id = p_record_id;
  end if;
  if kept is null or not kept ? p_field then
    raise exception 'no withdrawn or merged % % with a field %', p_record_type, p_record_id, p_field using errcode = 'no_data_found';
  end if;
  -- the redaction of a record that no longer exists is an event of its own, as the redaction of a live one is
  insert into audit_event (actor_subject, actor_username, mutation, operation, record_type, record_id, vendor_id, reason,
                           before, after, changed_fields)
  values (coalesce(nullif(current_setting('vendorwatch.actor_subject', true), ''), 'database:' || session_user),
          coalesce(nullif(current_setting('vendorwatch.actor_username', true), ''), 'database:' || session_user),
          coalesce(nullif(current_setting('vendorwatch.mutation', true), ''), 'sql'), 'REDACT', p_record_type, p_record_id,
          nullif(current_setting('vendorwatch.vendor_id', true), '')::bigint, p_reason,
          jsonb_build_object(p_field, kept -> p_field), jsonb_build_object(p_field, '[redacted]'), array[p_field])
  returning id into event_id;
  return audit_redact(p_record_type, p_record_id, p_field, event_id);
end
$$;
comment on function audit_redact_gone(text, bigint, text, text) is 'Redacts a field of a withdrawn or merged record (kept in withdrawal or vendor_merge) with its own REDACT event, then as audit_redact.';

create function audit_redact_reason(p_event_id bigint, p_reason text) returns integer
  language plpgsql security definer set search_path = public, pg_temp as $$
declare
  target audit_event;
  event_id bigint;
begin
  select * into target from audit_event where id = p_event_id;
  if target.id is null or target.reason is null or target.reason = '[redacted]' then
    raise exception 'no event % with a reason to redact', p_event_id using errcode = 'no_data_found';
  end if;
  insert into audit_event (actor_subject, actor_username, mutation, operation, record_type, record_id, vendor_id, reason,
                           before, after, changed_fields)
  values (coalesce(nullif(current_setting('vendorwatch.actor_subject', true), ''), 'database:' || session_user),
          coalesce(nullif(current_setting('vendorwatch.actor_username', true), ''), 'database:' || session_user),
          coalesce(nullif(current_setting('vendorwatch.mutation', true), ''), 'sql'), 'REDACT', 'AuditEvent', p_event_id,
          target.vendor_id, p_reason, jsonb_build_object('reason', '[redacted]'), jsonb_build_object('reason', '[redacted]'), array['reason'])
  returning id into event_id;
  perform set_config('vendorwatch.audit_maintenance', 'redact', true);
  update audit_event set reason = '[redacted]',
    redactions = redactions || jsonb_build_array(jsonb_build_object('field', 'reason', 'redactionEventId', event_id))
    where id = p_event_id;
  perform set_config('vendorwatch.audit_maintenance', '', true);
  return 1;
end
$$;
comment on function audit_redact_reason(bigint, text) is 'Replaces the reason of one audit event by "[redacted]" (its sealed digest stands), with a REDACT event of record type AuditEvent.';

--changeset vendorwatch:010-rechain
-- Events sealed before this migration (only in databases made between migrations 008 and 010, none
-- released) are sealed again under the keyed scheme, from the first one: the chain starts here.
alter table audit_event disable trigger audit_event_no_update;
update audit_event set seal_seq = null, digests = null, hash = null where seal_seq is not null;
alter table audit_event enable trigger audit_event_no_update;

--changeset vendorwatch:010-execute-privileges
-- Only the triggers run audit_capture; only the roles granted below (999-grants: the runtime role) seal
-- and redact.
revoke execute on function audit_capture() from public;
revoke execute on function audit_seal(integer) from public;
revoke execute on function audit_redact(text, bigint, text, bigint) from public;
revoke execute on function audit_redact_gone(text, bigint, text, text) from public;
revoke execute on function audit_redact_reason(bigint, text) from public;
revoke execute on function audit_keyed_digest(text) from public;
