--liquibase formatted sql

--changeset vendorwatch:013-releases
-- Releases live in the database, not on one instance's disk: every instance (and every read replica)
-- serves the same files, and a backup of the database holds them. A release is written once, in one
-- transaction, and never changed: the runtime role may add releases but not update or delete them
-- (999-grants.sql). Files are kept in chunks of at most 1 MiB, so a download streams.
create table release (
  id text primary key check (id ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}(\.[0-9]{1,4})?$'),
  created_at timestamptz not null,
  manifest jsonb not null
);
comment on table release is 'A citable, immutable release of the whole dataset (bulk files, dictionary, manifest).';
comment on column release.id is 'The release id: its UTC date, with .2, .3 ... for later releases of that day.';
comment on column release.created_at is 'When the release was written.';
comment on column release.manifest is 'manifest.json: row counts, SHA-256 and size of every file, licence, how to cite, the audit trail''s head.';

create table release_file (
  release_id text not null references release (id) on delete restrict,
  name text not null check (name ~ '^[a-z_]{1,40}(\.[a-z]{1,10}){1,3}$'),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  bytes bigint not null check (bytes >= 0),
  primary key (release_id, name)
);
comment on table release_file is 'A file of a release.';
comment on column release_file.release_id is 'The release.';
comment on column release_file.name is 'The file name, e.g. vendors.csv.';
comment on column release_file.sha256 is 'SHA-256 of the whole file, as the manifest lists it.';
comment on column release_file.bytes is 'The file''s size in bytes.';

create table release_chunk (
  release_id text not null,
  name text not null,
  seq integer not null check (seq >= 0),
  data bytea not null check (octet_length(data) between 1 and 1048576),
  primary key (release_id, name, seq),
  foreign key (release_id, name) references release_file (release_id, name) on delete restrict
);
comment on table release_chunk is 'The bytes of a release file, in order of seq.';
comment on column release_chunk.release_id is 'The release.';
comment on column release_chunk.name is 'The file.';
comment on column release_chunk.seq is 'Position of the chunk in the file, from 0.';
comment on column release_chunk.data is 'At most 1 MiB of the file.';
