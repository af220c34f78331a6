--liquibase formatted sql

-- Keep this file the last one the changelog includes: it runs after every migration, on every start,
-- so the service's runtime role holds exactly the privileges below on every table, new ones included.

--changeset vendorwatch:999-runtime-grants runAlways:true runOnChange:true splitStatements:false
-- The service runs as a role that owns nothing (changelog parameter runtime_role; default
-- <owner>_app). It may read and write the public records and the curation bookkeeping, and only read
-- the audit trail, which triggers owned by the owner append to. It cannot alter, drop, disable or
-- truncate anything, nor replace a function. With no such role (a single-role deployment, the
-- build's code generation) there is nothing to grant.
do $$
declare
  runtime text := '${runtime_role}';
begin
  if runtime = current_user or not exists (select 1 from pg_roles where rolname = runtime) then
    return;
  end if;
  execute format('revoke all on schema public from %I', runtime);
  execute format('grant usage on schema public to %I', runtime);
  execute format('revoke all on all tables in schema public from %I', runtime);
  execute format('grant select, insert, update, delete on all tables in schema public to %I', runtime);
  execute format('revoke insert, update, delete on audit_event, audit_pseudonym_key, audit_digest_key, jurisdiction, databasechangelog, '
                 'databasechangeloglock from %I', runtime);
  execute format('revoke all on all sequences in schema public from %I', runtime);
  execute format('grant usage, select on all sequences in schema public to %I', runtime);
  -- what the service keeps beside the records is added to, never rewritten or removed by it
  execute format('revoke update, delete on withdrawal from %I', runtime);
  execute format('revoke delete on vendor_merge, seed_conflict from %I', runtime);
  -- a release is written once and never changed
  execute format('revoke update, delete on release, release_file, release_chunk from %I', runtime);
  -- the trail's functions it may call: sealing, and redaction (each only alongside its REDACT event)
  execute format('grant execute on function audit_seal(integer), audit_redact(text, bigint, text, bigint), '
                 'audit_redact_gone(text, bigint, text, text), audit_redact_reason(bigint, text) to %I', runtime);
  -- no objects of its own anywhere, temporary ones included (a temporary table's trigger could run
  -- the owner's functions)
  begin
    execute format('revoke temporary on database %I from public, %I', current_database(), runtime);
    execute 'revoke create on schema public from public';
  exception when insufficient_privilege then
    raise warning 'could not revoke TEMPORARY on the database (the migrations do not run as its owner): do it as its owner';
  end;
end
$$;
