--liquibase formatted sql

--changeset vendorwatch:009-merge-in-history splitStatements:false
-- A merge is on the survivor's record too: the vendor_merge row (who was merged in, why) is audited
-- like a record, under the survivor's history (record id: the merged vendor's id).
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
create trigger vendor_merge_audit after insert or update on vendor_merge for each row execute function audit_capture('VendorMerge');

--changeset vendorwatch:009-period-date-order splitStatements:false
-- Date order as the editing rules have it: a date is a period (a day, a month or a year), and a later
-- date may not lie certainly before an earlier one. "valid from 2024-03-15, valid to 2024-03" is fine
-- (March ends after the 15th); the checks of 003 compared the first days and refused it.
create function period_end(d date, p text) returns date language sql immutable as $$
  select case p when 'YEAR' then (date_trunc('year', d::timestamp) + interval '1 year - 1 day')::date
                when 'MONTH' then (date_trunc('month', d::timestamp) + interval '1 month - 1 day')::date
                else d end
$$;
comment on function period_end(date, text) is 'The last day of the period a date stands for, given its precision (DAY, MONTH, YEAR).';
do $$
declare
  c record;
begin
  for c in select conrelid::regclass::text as tbl, conname from pg_constraint
           where contype = 'c' and conrelid in ('vendor_name'::regclass, 'vendor_relationship'::regclass, 'sanction_event'::regclass)
             and (pg_get_constraintdef(oid) like '%valid_to >= valid_from%' or pg_get_constraintdef(oid) like '%lifted_on >= COALESCE%')
  loop
    execute format('alter table %I drop constraint %I', c.tbl, c.conname);
  end loop;
end
$$;
alter table vendor_name add constraint vendor_name_valid_order_check
  check (valid_to is null or valid_from is null or period_end(valid_to, valid_to_precision) >= valid_from);
alter table vendor_relationship add constraint vendor_relationship_valid_order_check
  check (valid_to is null or valid_from is null or period_end(valid_to, valid_to_precision) >= valid_from);
alter table sanction_event add constraint sanction_event_lifted_order_check
  check (lifted_on is null or period_end(lifted_on, lifted_precision) >= least(effective_on, published_on, announced_on));

--changeset vendorwatch:009-identifier-folded
-- One identifier per vendor and scheme as editors mean it: ABC123 and abc123 are the same number.
create unique index vendor_identifier_folded_uq on vendor_identifier (vendor_id, scheme, lower(normalize(value, NFKC)));

--changeset vendorwatch:009-seed-blocked
alter table seed_conflict drop constraint seed_conflict_kind_check;
alter table seed_conflict add constraint seed_conflict_kind_check
  check (kind in ('EDITED', 'REMOVED_BY_EDITOR', 'KEPT_AFTER_SEED_REMOVAL', 'BLOCKED_BY_EDITS'));
comment on column seed_conflict.kind is 'EDITED (an editor changed a value the seed changes), REMOVED_BY_EDITOR (the seed changes a record an editor withdrew or merged), KEPT_AFTER_SEED_REMOVAL (the seed dropped a record an editor had touched, so it was kept), BLOCKED_BY_EDITS (the seed adds or changes a record so that it would duplicate or contradict the editors'' data, e.g. a name an editor already added).';
