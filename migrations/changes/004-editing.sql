--liquibase formatted sql

--changeset vendorwatch:004-audit splitStatements:false
create table audit_event (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  transaction_id xid8 not null default pg_current_xact_id(),
  actor_subject text not null check (length(actor_subject) between 1 and 255),
  actor_username text not null check (length(actor_username) between 1 and 255),
  mutation text not null check (mutation ~ '^[a-zA-Z]{1,80}$'),
  operation text not null check (operation in ('CREATE', 'UPDATE', 'REMOVE', 'STATUS_CHANGE', 'LIFT', 'END', 'ATTACH', 'DETACH')),
  record_type text not null check (record_type ~ '^[A-Za-z]{1,60}$'),
  record_id bigint not null,
  vendor_id bigint,
  reason text check (length(reason) <= 2000),
  before jsonb,
  after jsonb,
  changed_fields text[] not null default '{}',
  check (before is not null or after is not null)
);
create index audit_event_record_idx on audit_event (record_type, record_id, id desc);
create index audit_event_vendor_idx on audit_event (vendor_id, id desc);
create index audit_event_time_idx on audit_event (occurred_at desc, id desc);
comment on table audit_event is 'Append-only history of every write: who, when, what, before and after. Rows are never updated or deleted (a trigger refuses it).';
comment on column audit_event.id is 'Surrogate key, increasing with insertion.';
comment on column audit_event.occurred_at is 'Time of the writing transaction.';
comment on column audit_event.transaction_id is 'The writing transaction (pg_current_xact_id), for commit-ordered change feeds.';
comment on column audit_event.actor_subject is 'The editor''s identity-provider subject (Keycloak sub), or seed for the seed loader.';
comment on column audit_event.actor_username is 'The editor''s username at the time (Keycloak preferred_username).';
comment on column audit_event.mutation is 'The GraphQL mutation that wrote, e.g. updateVendor.';
comment on column audit_event.operation is 'CREATE, UPDATE, REMOVE, STATUS_CHANGE, LIFT, END, ATTACH or DETACH.';
comment on column audit_event.record_type is 'The kind of record written, e.g. Vendor, VendorName, Citation.';
comment on column audit_event.record_id is 'The row id of the record written.';
comment on column audit_event.vendor_id is 'The vendor the record belongs to, when it belongs to one (for a vendor''s history); no foreign key, so history outlives records.';
comment on column audit_event.reason is 'The editor''s stated reason (required for corrections, retractions and status changes).';
comment on column audit_event.before is 'The record before the write (null for a creation).';
comment on column audit_event.after is 'The record after the write (null for a removal).';
comment on column audit_event.changed_fields is 'Top-level fields whose values differ between before and after.';

create function audit_event_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_event is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end
$$;
comment on function audit_event_append_only() is 'Refuses every UPDATE, DELETE and TRUNCATE on audit_event.';
create trigger audit_event_no_update before update or delete on audit_event
  for each row execute function audit_event_append_only();
create trigger audit_event_no_truncate before truncate on audit_event
  for each statement execute function audit_event_append_only();

--changeset vendorwatch:004-sourced-claims splitStatements:false
-- Every published claim cites at least one source. Checked at commit (deferred), so a claim and its
-- citations can be written in one transaction in either order; removing the last citation of a
-- claim that still exists is refused the same way. A sanction action may rest on its act's sources.
create function require_citation() returns trigger language plpgsql as $$
declare
  claim_column text := tg_argv[0];
  claim_id bigint;
  ok boolean;
begin
  if tg_table_name = 'citation' then
    execute format('select ($1).%I', claim_column) into claim_id using old;
    if claim_id is null then
      return null;
    end if;
    -- the claim itself may be gone (cascade): then there is nothing to protect
    execute format('select exists (select 1 from %I where id = $1)', tg_argv[1]) into ok using claim_id;
    if not ok then
      return null;
    end if;
  else
    claim_id := new.id;
  end if;
  execute format('select exists (select 1 from citation where %I = $1)', claim_column) into ok using claim_id;
  if not ok and claim_column = 'sanction_action_id' then
    select exists (select 1 from citation c join sanction_action a on a.event_id = c.sanction_event_id where a.id = claim_id) into ok;
  end if;
  if not ok then
    raise exception 'every claim must cite at least one source: % % has none', tg_argv[1], claim_id
      using errcode = 'check_violation';
  end if;
  return null;
end
$$;
comment on function require_citation() is 'Constraint trigger: the claim (argument 0: its citation column, 1: its table) must have at least one citation at commit.';

create constraint trigger vendor_name_sourced after insert on vendor_name deferrable initially deferred
  for each row execute function require_citation('vendor_name_id', 'vendor_name');
create constraint trigger vendor_jurisdiction_sourced after insert on vendor_jurisdiction deferrable initially deferred
  for each row execute function require_citation('vendor_jurisdiction_id', 'vendor_jurisdiction');
create constraint trigger vendor_identifier_sourced after insert on vendor_identifier deferrable initially deferred
  for each row execute function require_citation('vendor_identifier_id', 'vendor_identifier');
create constraint trigger vendor_relationship_sourced after insert on vendor_relationship deferrable initially deferred
  for each row execute function require_citation('vendor_relationship_id', 'vendor_relationship');
create constraint trigger product_vendor_sourced after insert on product_vendor deferrable initially deferred
  for each row execute function require_citation('product_vendor_id', 'product_vendor');
create constraint trigger sanction_event_sourced after insert on sanction_event deferrable initially deferred
  for each row execute function require_citation('sanction_event_id', 'sanction_event');
create constraint trigger sanction_action_sourced after insert on sanction_action deferrable initially deferred
  for each row execute function require_citation('sanction_action_id', 'sanction_action');
create constraint trigger allegation_sourced after insert on allegation deferrable initially deferred
  for each row execute function require_citation('allegation_id', 'allegation');
create constraint trigger allegation_development_sourced after insert on allegation_development deferrable initially deferred
  for each row execute function require_citation('allegation_development_id', 'allegation_development');
create constraint trigger vendor_statement_sourced after insert on vendor_statement deferrable initially deferred
  for each row execute function require_citation('vendor_statement_id', 'vendor_statement');
create constraint trigger vendor_note_sourced after insert on vendor_note deferrable initially deferred
  for each row execute function require_citation('vendor_note_id', 'vendor_note');

create constraint trigger citation_keeps_name_sourced after delete on citation deferrable initially deferred
  for each row execute function require_citation('vendor_name_id', 'vendor_name');
create constraint trigger citation_keeps_jurisdiction_sourced after delete on citation deferrable initially deferred
  for each row execute function require_citation('vendor_jurisdiction_id', 'vendor_jurisdiction');
create constraint trigger citation_keeps_identifier_sourced after delete on citation deferrable initially deferred
  for each row execute function require_citation('vendor_identifier_id', 'vendor_identifier');
create constraint trigger citation_keeps_relationship_sourced after delete on citation deferrable initially deferred
  for each row execute function require_citation('vendor_relationship_id', 'vendor_relationship');
create constraint trigger citation_keeps_product_sourced after delete on citation deferrable initially deferred
  for each row execute function require_citation('product_vendor_id', 'product_vendor');
create constraint trigger citation_keeps_event_sourced after delete on citation deferrable initially deferred
  for each row execute function require_citation('sanction_event_id', 'sanction_event');
create constraint trigger citation_keeps_allegation_sourced after delete on citation deferrable initially deferred
  for each row execute function require_citation('allegation_id', 'allegation');
create constraint trigger citation_keeps_development_sourced after delete on citation deferrable initially deferred
  for each row execute function require_citation('allegation_development_id', 'allegation_development');
create constraint trigger citation_keeps_statement_sourced after delete on citation deferrable initially deferred
  for each row execute function require_citation('vendor_statement_id', 'vendor_statement');
create constraint trigger citation_keeps_note_sourced after delete on citation deferrable initially deferred
  for each row execute function require_citation('vendor_note_id', 'vendor_note');

--changeset vendorwatch:004-citation-unique
-- one link per claim and source (a second one would say nothing new)
create unique index citation_claim_source_uq on citation (source_id,
  coalesce(vendor_id, 0), coalesce(vendor_name_id, 0), coalesce(vendor_jurisdiction_id, 0), coalesce(vendor_identifier_id, 0),
  coalesce(vendor_relationship_id, 0), coalesce(product_vendor_id, 0), coalesce(sanction_event_id, 0),
  coalesce(sanction_action_id, 0), coalesce(allegation_id, 0), coalesce(allegation_development_id, 0),
  coalesce(vendor_statement_id, 0), coalesce(vendor_note_id, 0), coalesce(aspect, ''));
