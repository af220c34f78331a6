--liquibase formatted sql

--changeset vendorwatch:001-extensions
create extension if not exists pg_trgm;
create extension if not exists unaccent;

-- Name folding for search and sorting: accent- and case-insensitive. unaccent() is only STABLE
-- (its dictionary could change), so this wrapper pins the dictionary and is declared IMMUTABLE,
-- which lets generated columns and indexes use it.
create function vw_fold(value text) returns text
  language sql immutable parallel safe strict
  return lower(public.unaccent('public.unaccent'::regdictionary, value));
comment on function vw_fold(text) is 'Folds a name for matching: unaccented, lower case. IMMUTABLE wrapper over unaccent with a pinned dictionary.';
