--liquibase formatted sql

--changeset vendorwatch:007-audit-operations
-- Curation acts (docs/editing.md): a withdrawal (entered in error) and a merge are events of their own,
-- never faked with a removal or a lifting.
alter table audit_event drop constraint audit_event_operation_check;
alter table audit_event add constraint audit_event_operation_check check (operation in
  ('CREATE', 'UPDATE', 'REMOVE', 'STATUS_CHANGE', 'LIFT', 'END', 'ATTACH', 'DETACH', 'WITHDRAW', 'MERGE', 'RESOLVE'));
comment on column audit_event.operation is 'CREATE, UPDATE (a correction), REMOVE, STATUS_CHANGE, LIFT, END, ATTACH, DETACH, WITHDRAW (entered in error), MERGE or RESOLVE (a seed conflict settled).';

--changeset vendorwatch:007-withdrawal
create table withdrawal (
  id bigint generated always as identity primary key,
  record_type text not null check (record_type ~ '^[A-Za-z]{1,60}$'),
  record_id bigint not null,
  vendor_id bigint,
  reason text not null check (length(btrim(reason)) between 1 and 2000),
  withdrawn_at timestamptz not null default now(),
  record jsonb not null,
  unique (record_type, record_id)
);
create index withdrawal_vendor_idx on withdrawal (vendor_id);
comment on table withdrawal is 'Records withdrawn as entered in error: gone from every list, count, search and bulk file, kept here as they were so that node(id) and history still answer. Not a retraction, lifting or delisting, which stay public.';
comment on column withdrawal.id is 'Surrogate key.';
comment on column withdrawal.record_type is 'The kind of record, e.g. SanctionAction, VendorName.';
comment on column withdrawal.record_id is 'The row id the record had (its global id still resolves to this withdrawal).';
comment on column withdrawal.vendor_id is 'The vendor the record belonged to, when it belonged to one; no foreign key, so it outlives the vendor.';
comment on column withdrawal.reason is 'Why it was withdrawn, as the editor gave it.';
comment on column withdrawal.withdrawn_at is 'When.';
comment on column withdrawal.record is 'The record as it was (public fields), with its citations and any records withdrawn with it.';

--changeset vendorwatch:007-vendor-merge
create table vendor_merge (
  merged_id bigint primary key,
  merged_slug text not null unique,
  merged_name text not null,
  merged_seed_key text unique,
  survivor_id bigint not null references vendor (id) on delete restrict,
  reason text not null check (length(btrim(reason)) between 1 and 2000),
  merged_at timestamptz not null default now(),
  record jsonb not null
);
create index vendor_merge_survivor_idx on vendor_merge (survivor_id);
comment on table vendor_merge is 'Vendors merged into another record of the same real entity: their slug and id resolve to the survivor, which holds every claim they had.';
comment on column vendor_merge.merged_id is 'The row id the merged vendor had (its global id still resolves).';
comment on column vendor_merge.merged_slug is 'Its slug, which now resolves to the survivor.';
comment on column vendor_merge.merged_name is 'Its canonical name at the time of the merge.';
comment on column vendor_merge.merged_seed_key is 'Its seed key, when it came from the seed, so a later seed resolves it to the survivor.';
comment on column vendor_merge.survivor_id is 'The vendor it was merged into (chains are collapsed: always a live vendor).';
comment on column vendor_merge.reason is 'Why the editor merged them.';
comment on column vendor_merge.merged_at is 'When.';
comment on column vendor_merge.record is 'The merged vendor''s own row as it was.';

--changeset vendorwatch:007-authority-ids
-- Authorities and programmes become records editors add (with sources): a surrogate id to cite them by.
alter table sanction_authority add column id bigint generated always as identity unique;
alter table sanction_authority add column revision integer not null default 1 check (revision >= 1);
alter table sanction_authority add column created_at timestamptz not null default now();
alter table sanction_authority add column updated_at timestamptz not null default now();
comment on column sanction_authority.id is 'Surrogate key (the code is the natural key).';
comment on column sanction_authority.revision is 'Incremented on every change.';
comment on column sanction_authority.created_at is 'When the row was created.';
comment on column sanction_authority.updated_at is 'When the row was last changed.';
alter table sanction_program add column id bigint generated always as identity unique;
alter table sanction_program add column revision integer not null default 1 check (revision >= 1);
alter table sanction_program add column created_at timestamptz not null default now();
alter table sanction_program add column updated_at timestamptz not null default now();
comment on column sanction_program.id is 'Surrogate key (the code is the natural key).';
comment on column sanction_program.revision is 'Incremented on every change.';
comment on column sanction_program.created_at is 'When the row was created.';
comment on column sanction_program.updated_at is 'When the row was last changed.';

alter table citation add column sanction_authority_id bigint references sanction_authority (id) on delete cascade;
alter table citation add column sanction_program_id bigint references sanction_program (id) on delete cascade;
create index citation_sanction_authority_idx on citation (sanction_authority_id) where sanction_authority_id is not null;
create index citation_sanction_program_idx on citation (sanction_program_id) where sanction_program_id is not null;
comment on column citation.sanction_authority_id is 'Claim: a sanctioning authority (added by an editor).';
comment on column citation.sanction_program_id is 'Claim: a sanctions programme or list (added by an editor).';
alter table citation drop constraint citation_check;
alter table citation add constraint citation_one_claim check (num_nonnulls(vendor_id, vendor_name_id, vendor_jurisdiction_id,
  vendor_identifier_id, vendor_relationship_id, product_vendor_id, sanction_event_id, sanction_action_id, allegation_id,
  allegation_development_id, vendor_statement_id, vendor_note_id, sanction_authority_id, sanction_program_id) = 1);
drop index citation_claim_source_uq;
create unique index citation_claim_source_uq on citation (source_id,
  coalesce(vendor_id, 0), coalesce(vendor_name_id, 0), coalesce(vendor_jurisdiction_id, 0), coalesce(vendor_identifier_id, 0),
  coalesce(vendor_relationship_id, 0), coalesce(product_vendor_id, 0), coalesce(sanction_event_id, 0),
  coalesce(sanction_action_id, 0), coalesce(allegation_id, 0), coalesce(allegation_development_id, 0),
  coalesce(vendor_statement_id, 0), coalesce(vendor_note_id, 0), coalesce(sanction_authority_id, 0),
  coalesce(sanction_program_id, 0), coalesce(aspect, ''));

--changeset vendorwatch:007-sanction-date-precision
-- Sanction dates take the same fuzzy form as every other date (YYYY, YYYY-MM or YYYY-MM-DD).
alter table sanction_event add column announced_precision date_precision;
alter table sanction_event add column published_precision date_precision;
alter table sanction_event add column effective_precision date_precision;
alter table sanction_event add column lifted_precision date_precision;
update sanction_event set announced_precision = case when announced_on is not null then 'DAY' end,
  published_precision = case when published_on is not null then 'DAY' end,
  effective_precision = case when effective_on is not null then 'DAY' end,
  lifted_precision = case when lifted_on is not null then 'DAY' end;
alter table sanction_event add constraint sanction_event_announced_precision_check check ((announced_on is null) = (announced_precision is null));
alter table sanction_event add constraint sanction_event_published_precision_check check ((published_on is null) = (published_precision is null));
alter table sanction_event add constraint sanction_event_effective_precision_check check ((effective_on is null) = (effective_precision is null));
alter table sanction_event add constraint sanction_event_lifted_precision_check check ((lifted_on is null) = (lifted_precision is null));
comment on column sanction_event.announced_precision is 'Precision of announced_on: DAY, MONTH or YEAR.';
comment on column sanction_event.published_precision is 'Precision of published_on.';
comment on column sanction_event.effective_precision is 'Precision of effective_on.';
comment on column sanction_event.lifted_precision is 'Precision of lifted_on.';
alter table sanction_action add column lifted_precision date_precision;
update sanction_action set lifted_precision = 'DAY' where lifted_on is not null;
alter table sanction_action add constraint sanction_action_lifted_precision_check check ((lifted_on is null) = (lifted_precision is null));
comment on column sanction_action.lifted_precision is 'Precision of lifted_on.';

--changeset vendorwatch:007-folded-names
-- One name per vendor and kind, compared as editors mean it: NFKC-normalised and case-folded, so
-- "CAFÉ" (composed or not) and "Café" are one name.
create unique index vendor_name_folded_uq on vendor_name (vendor_id, kind, lower(normalize(name, NFKC)));

--changeset vendorwatch:007-seed-ownership
create table seed_row (
  table_name text not null check (table_name ~ '^[a-z_]{1,60}$'),
  seed_key text not null,
  record_id bigint,
  applied jsonb not null check (jsonb_typeof(applied) = 'object'),
  primary key (table_name, seed_key)
);
comment on table seed_row is 'For each record the seed has ever written: the values the seed last gave it. A new seed changes a row only where the row still holds these values; where an editor changed them, the editor''s value stays.';
comment on column seed_row.table_name is 'The table of the record.';
comment on column seed_row.seed_key is 'The record''s stable seed key.';
comment on column seed_row.record_id is 'Its row id when it was written (null for tables keyed by code).';
comment on column seed_row.applied is 'The seeded columns with the values the seed last gave them.';

create table seed_conflict (
  id bigint generated always as identity primary key,
  detected_at timestamptz not null default now(),
  seed_sha256 text not null check (seed_sha256 ~ '^[0-9a-f]{64}$'),
  table_name text not null check (table_name ~ '^[a-z_]{1,60}$'),
  seed_key text not null,
  record_type text not null check (record_type ~ '^[A-Za-z]{1,60}$'),
  record_id bigint,
  kind text not null check (kind in ('EDITED', 'REMOVED_BY_EDITOR', 'KEPT_AFTER_SEED_REMOVAL')),
  fields text[] not null default '{}',
  seed_values jsonb,
  current_values jsonb,
  resolved_at timestamptz,
  resolution text check (resolution in ('KEPT_CURRENT', 'APPLIED_SEED', 'SUPERSEDED')),
  check ((resolved_at is null) = (resolution is null))
);
create index seed_conflict_open_idx on seed_conflict (id desc) where resolved_at is null;
create index seed_conflict_key_idx on seed_conflict (table_name, seed_key);
comment on table seed_conflict is 'Seed changes not applied because an editor had changed or removed the record: listed for editors to settle.';
comment on column seed_conflict.id is 'Surrogate key.';
comment on column seed_conflict.detected_at is 'When the seed load found it.';
comment on column seed_conflict.seed_sha256 is 'The seed version (hash of its files) that wanted the change.';
comment on column seed_conflict.table_name is 'The table of the record.';
comment on column seed_conflict.seed_key is 'The record''s seed key.';
comment on column seed_conflict.record_type is 'The kind of record, e.g. Vendor.';
comment on column seed_conflict.record_id is 'The row id of the record, when it still exists.';
comment on column seed_conflict.kind is 'EDITED (an editor changed a value the seed changes), REMOVED_BY_EDITOR (the seed changes a record an editor withdrew or merged), KEPT_AFTER_SEED_REMOVAL (the seed dropped a record an editor had touched, so it was kept).';
comment on column seed_conflict.fields is 'The fields in conflict.';
comment on column seed_conflict.seed_values is 'What the new seed says for those fields.';
comment on column seed_conflict.current_values is 'What the record holds (the editor''s values).';
comment on column seed_conflict.resolved_at is 'When it was settled; null while open.';
comment on column seed_conflict.resolution is 'KEPT_CURRENT or APPLIED_SEED (by an editor), SUPERSEDED (a later seed load re-examined the record).';
