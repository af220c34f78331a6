--liquibase formatted sql

--changeset vendorwatch:003-domains
create domain confidence as text check (value in ('HIGH', 'MEDIUM', 'LOW'));
comment on domain confidence is 'How sure the research is: HIGH = primary-source text seen (incl. verbatim republication); MEDIUM = reputable secondary source seen; LOW = indirect only (aggregator, single unverified source, inference).';
create domain date_precision as text check (value in ('DAY', 'MONTH', 'YEAR'));
comment on domain date_precision is 'How much of a date is known: DAY, MONTH (the date is the first of the month) or YEAR (the date is 1 January).';

--changeset vendorwatch:003-source
create table source (
  id bigint generated always as identity primary key,
  seed_key text unique,
  url text unique check (url ~ '^https?://[^\s]+$' and length(url) <= 2000),
  title text not null check (length(btrim(title)) between 1 and 500),
  publisher text not null check (length(btrim(publisher)) between 1 and 300),
  published_on date,
  published_precision date_precision,
  kind text not null check (kind in ('GOVERNMENT', 'COURT', 'LEGISLATURE', 'NGO_REPORT', 'ACADEMIC', 'NEWS', 'INDUSTRY', 'VENDOR', 'LAW_FIRM', 'DATASET', 'AGGREGATOR')),
  access text not null check (access in ('SEEN', 'SEEN_VIA_COPY', 'CITED_ONLY')),
  citation text check (length(citation) <= 500),
  archived_url text check (archived_url ~ '^https?://[^\s]+$' and length(archived_url) <= 2000),
  seen_via text[] not null default '{}',
  related_urls text[] not null default '{}',
  note text check (length(note) <= 4000),
  sort_on date not null generated always as (coalesce(published_on, date '0001-01-01')) stored,
  revision integer not null default 1 check (revision >= 1),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((published_on is null) = (published_precision is null))
);
create index source_sort_idx on source (sort_on desc, id desc);
create index source_kind_idx on source (kind);
create index source_publisher_trgm_idx on source using gin (vw_fold(publisher) gin_trgm_ops);
comment on table source is 'A cited document: a government notice, court filing, report or article. Every published claim cites at least one source.';
comment on column source.id is 'Surrogate key.';
comment on column source.seed_key is 'Stable key of the curated seed record this row was loaded from (e.g. src_fr_2021_24123); null for rows created by editors.';
comment on column source.url is 'Canonical URL of the document (normalised: one document, one source); null for a citation without URL.';
comment on column source.title is 'Title of the document.';
comment on column source.publisher is 'Who published it (agency, outlet, author).';
comment on column source.published_on is 'Publication date; the first day of the period when only the month or year is known.';
comment on column source.published_precision is 'Precision of published_on: DAY, MONTH or YEAR.';
comment on column source.kind is 'Kind of publisher: GOVERNMENT, COURT, LEGISLATURE, NGO_REPORT, ACADEMIC, NEWS, INDUSTRY (platform/security vendors reporting on others), VENDOR (the accused vendor itself), LAW_FIRM, DATASET, AGGREGATOR.';
comment on column source.access is 'How the curators know the document: SEEN (read it), SEEN_VIA_COPY (read a copy, republication or quotation), CITED_ONLY (known only as a citation elsewhere).';
comment on column source.citation is 'Formal citation, e.g. "86 FR 60759; FR Doc. 2021-24123".';
comment on column source.archived_url is 'URL of an archived copy of the document.';
comment on column source.seen_via is 'The copies or republications the curators actually read, each a URL with a short description.';
comment on column source.related_urls is 'Other URLs of the same document or its attachments.';
comment on column source.note is 'Caveats about the document or how its URL is known.';
comment on column source.sort_on is 'Sort key for listings: published_on, or 0001-01-01 when unknown (sorts last in descending order).';
comment on column source.revision is 'Incremented on every change; used for optimistic locking.';
comment on column source.created_at is 'When the row was created.';
comment on column source.updated_at is 'When the row was last changed.';

--changeset vendorwatch:003-vendor
create table vendor (
  id bigint generated always as identity primary key,
  seed_key text unique,
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 100),
  name text not null check (length(btrim(name)) between 1 and 300),
  sort_name text not null generated always as (vw_fold(name)) stored,
  kind text not null check (kind in ('COMPANY', 'CORPORATE_GROUP', 'CONSORTIUM')),
  status text not null default 'UNKNOWN' check (status in ('ACTIVE', 'DEFUNCT', 'UNKNOWN')),
  description text check (length(description) <= 4000),
  founded_year integer check (founded_year between 1800 and 2100),
  founded_confidence confidence,
  website text check (website ~ '^https?://[^\s]+$' and length(website) <= 2000),
  revision integer not null default 1 check (revision >= 1),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((founded_year is null) = (founded_confidence is null))
);
create index vendor_sort_name_idx on vendor (sort_name, id);
create index vendor_updated_idx on vendor (updated_at, id);
create index vendor_created_idx on vendor (created_at, id);
create index vendor_sort_name_trgm_idx on vendor using gin (sort_name gin_trgm_ops);
comment on table vendor is 'An organisation in the commercial surveillance and spyware industry: a company, a corporate group or a consortium.';
comment on column vendor.id is 'Surrogate key.';
comment on column vendor.seed_key is 'Stable key of the curated seed record (e.g. nso_group); null for rows created by editors.';
comment on column vendor.slug is 'URL-safe unique identifier (lowercase letters, digits, single hyphens), e.g. nso-group.';
comment on column vendor.name is 'Canonical display name, e.g. NSO Group. Every other name is in vendor_name.';
comment on column vendor.sort_name is 'vw_fold(name): the accent- and case-folded name used for sorting and matching.';
comment on column vendor.kind is 'COMPANY, CORPORATE_GROUP or CONSORTIUM.';
comment on column vendor.status is 'ACTIVE, DEFUNCT or UNKNOWN.';
comment on column vendor.description is 'One or two factual sentences drawn from the sources.';
comment on column vendor.founded_year is 'Year founded, where a source gives it (cited with aspect founded).';
comment on column vendor.founded_confidence is 'Confidence in founded_year.';
comment on column vendor.website is 'Official website, where known.';
comment on column vendor.revision is 'Incremented on every change; used for optimistic locking.';
comment on column vendor.created_at is 'When the row was created.';
comment on column vendor.updated_at is 'When the row (or, for seeded data, its seed record) last changed.';

create table vendor_name (
  id bigint generated always as identity primary key,
  seed_key text unique,
  vendor_id bigint not null references vendor (id) on delete cascade,
  name text not null check (length(btrim(name)) between 1 and 300),
  folded text not null generated always as (vw_fold(name)) stored,
  kind text not null check (kind in ('LEGAL_NAME', 'AKA', 'FORMER_NAME', 'TRADE_NAME', 'INDUSTRY_CODENAME', 'LISTED_NAME')),
  listed_in text check (length(listed_in) <= 300),
  valid_from date,
  valid_from_precision date_precision,
  valid_to date,
  valid_to_precision date_precision,
  weak boolean not null default false,
  confidence confidence not null,
  note text check (length(note) <= 2000),
  revision integer not null default 1 check (revision >= 1),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (vendor_id, kind, name),
  check ((valid_from is null) = (valid_from_precision is null)),
  check ((valid_to is null) = (valid_to_precision is null)),
  check (valid_to is null or valid_from is null or valid_to >= valid_from)
);
create index vendor_name_vendor_idx on vendor_name (vendor_id);
create index vendor_name_folded_trgm_idx on vendor_name using gin (folded gin_trgm_ops);
comment on table vendor_name is 'Every other name a vendor trades or is listed under, typed. Search runs over these and the canonical name.';
comment on column vendor_name.id is 'Surrogate key.';
comment on column vendor_name.seed_key is 'Stable key of the seed record; null for editor rows.';
comment on column vendor_name.vendor_id is 'The vendor that bears the name.';
comment on column vendor_name.name is 'The name exactly as written by its source.';
comment on column vendor_name.folded is 'vw_fold(name), used for accent- and case-insensitive matching.';
comment on column vendor_name.kind is 'LEGAL_NAME, AKA (also known as), FORMER_NAME, TRADE_NAME, INDUSTRY_CODENAME (e.g. Microsoft''s SOURGUM), LISTED_NAME (exactly as a sanctions list prints it).';
comment on column vendor_name.listed_in is 'The list or document that prints the name this way, e.g. US Entity List.';
comment on column vendor_name.valid_from is 'When the name came into use, where known.';
comment on column vendor_name.valid_from_precision is 'Precision of valid_from.';
comment on column vendor_name.valid_to is 'When the name went out of use, where known.';
comment on column vendor_name.valid_to_precision is 'Precision of valid_to.';
comment on column vendor_name.weak is 'A short or ambiguous name that should not identify the vendor on its own (ranked lower in search).';
comment on column vendor_name.confidence is 'Confidence that the vendor bears this name.';
comment on column vendor_name.note is 'Caveats about the name.';
comment on column vendor_name.revision is 'Incremented on every change.';
comment on column vendor_name.created_at is 'When the row was created.';
comment on column vendor_name.updated_at is 'When the row was last changed.';

create table vendor_jurisdiction (
  id bigint generated always as identity primary key,
  seed_key text unique,
  vendor_id bigint not null references vendor (id) on delete cascade,
  country_code char(2) not null references jurisdiction (code) on delete restrict,
  role text not null check (role in ('INCORPORATED', 'HEADQUARTERS', 'OPERATIONS', 'LISTED_ADDRESS', 'GROUP_ENTITY')),
  detail text check (length(detail) <= 2000),
  confidence confidence not null,
  revision integer not null default 1 check (revision >= 1),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (vendor_id, country_code, role)
);
create index vendor_jurisdiction_vendor_idx on vendor_jurisdiction (vendor_id);
create index vendor_jurisdiction_country_idx on vendor_jurisdiction (country_code, vendor_id);
comment on table vendor_jurisdiction is 'A country a vendor is tied to, and how (its role).';
comment on column vendor_jurisdiction.id is 'Surrogate key.';
comment on column vendor_jurisdiction.seed_key is 'Stable key of the seed record; null for editor rows.';
comment on column vendor_jurisdiction.vendor_id is 'The vendor.';
comment on column vendor_jurisdiction.country_code is 'ISO 3166-1 alpha-2 code of the country.';
comment on column vendor_jurisdiction.role is 'INCORPORATED, HEADQUARTERS, OPERATIONS, LISTED_ADDRESS (an address printed by a sanctions list) or GROUP_ENTITY (an entity of the vendor''s corporate group is there).';
comment on column vendor_jurisdiction.detail is 'Address or other detail as given by the source.';
comment on column vendor_jurisdiction.confidence is 'Confidence in the tie.';
comment on column vendor_jurisdiction.revision is 'Incremented on every change.';
comment on column vendor_jurisdiction.created_at is 'When the row was created.';
comment on column vendor_jurisdiction.updated_at is 'When the row was last changed.';

create table vendor_identifier (
  id bigint generated always as identity primary key,
  seed_key text unique,
  vendor_id bigint not null references vendor (id) on delete cascade,
  scheme text not null check (scheme ~ '^[A-Z][A-Z0-9_]{1,60}$'),
  value text not null check (length(btrim(value)) between 1 and 200),
  confidence confidence not null,
  revision integer not null default 1 check (revision >= 1),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (vendor_id, scheme, value)
);
create index vendor_identifier_vendor_idx on vendor_identifier (vendor_id);
create index vendor_identifier_lookup_idx on vendor_identifier (scheme, value);
comment on table vendor_identifier is 'An external identifier of a vendor (OFAC SDN entity number, tax id, Wikidata QID, LEI ...).';
comment on column vendor_identifier.id is 'Surrogate key.';
comment on column vendor_identifier.seed_key is 'Stable key of the seed record; null for editor rows.';
comment on column vendor_identifier.vendor_id is 'The vendor.';
comment on column vendor_identifier.scheme is 'Identifier scheme in upper snake case, e.g. OFAC_SDN_ENTITY_NUMBER, RU_INN, WIKIDATA.';
comment on column vendor_identifier.value is 'The identifier.';
comment on column vendor_identifier.confidence is 'Confidence that the identifier belongs to the vendor.';
comment on column vendor_identifier.revision is 'Incremented on every change.';
comment on column vendor_identifier.created_at is 'When the row was created.';
comment on column vendor_identifier.updated_at is 'When the row was last changed.';

create table vendor_relationship (
  id bigint generated always as identity primary key,
  seed_key text unique,
  subject_vendor_id bigint not null references vendor (id) on delete cascade,
  type text not null check (type in ('PARENT_OF', 'SUBSIDIARY_OF', 'SUCCESSOR_OF', 'FOUNDED_BY_ALUMNI_OF', 'PARTNER_OF', 'MEMBER_OF')),
  object_vendor_id bigint not null references vendor (id) on delete cascade,
  description text check (length(description) <= 2000),
  valid_from date,
  valid_from_precision date_precision,
  valid_to date,
  valid_to_precision date_precision,
  confidence confidence not null,
  revision integer not null default 1 check (revision >= 1),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (subject_vendor_id, type, object_vendor_id),
  check (subject_vendor_id <> object_vendor_id),
  check ((valid_from is null) = (valid_from_precision is null)),
  check ((valid_to is null) = (valid_to_precision is null)),
  check (valid_to is null or valid_from is null or valid_to >= valid_from)
);
create index vendor_relationship_subject_idx on vendor_relationship (subject_vendor_id);
create index vendor_relationship_object_idx on vendor_relationship (object_vendor_id);
comment on table vendor_relationship is 'A typed, dated edge between two vendors: subject TYPE object (e.g. NSO Group SUBSIDIARY_OF Q Cyber Technologies).';
comment on column vendor_relationship.id is 'Surrogate key.';
comment on column vendor_relationship.seed_key is 'Stable key of the seed record; null for editor rows.';
comment on column vendor_relationship.subject_vendor_id is 'The vendor the statement is about.';
comment on column vendor_relationship.type is 'PARENT_OF, SUBSIDIARY_OF, SUCCESSOR_OF, FOUNDED_BY_ALUMNI_OF, PARTNER_OF or MEMBER_OF.';
comment on column vendor_relationship.object_vendor_id is 'The other vendor.';
comment on column vendor_relationship.description is 'How the sources describe the relationship.';
comment on column vendor_relationship.valid_from is 'Start of the relationship, where known.';
comment on column vendor_relationship.valid_from_precision is 'Precision of valid_from.';
comment on column vendor_relationship.valid_to is 'End of the relationship, where known (an ended relationship stays on record).';
comment on column vendor_relationship.valid_to_precision is 'Precision of valid_to.';
comment on column vendor_relationship.confidence is 'Confidence in the relationship.';
comment on column vendor_relationship.revision is 'Incremented on every change.';
comment on column vendor_relationship.created_at is 'When the row was created.';
comment on column vendor_relationship.updated_at is 'When the row was last changed.';

create table product (
  id bigint generated always as identity primary key,
  seed_key text unique,
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(slug) <= 100),
  name text not null check (length(btrim(name)) between 1 and 300),
  kind text not null check (kind in ('SPYWARE', 'EXPLOIT', 'EXPLOIT_PROGRAM', 'EVENT', 'OTHER')),
  description text check (length(description) <= 4000),
  revision integer not null default 1 check (revision >= 1),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index product_name_idx on product (name, id);
comment on table product is 'A tool, exploit, programme or event a vendor makes or runs (Pegasus, DevilsTongue, Predator ...).';
comment on column product.id is 'Surrogate key.';
comment on column product.seed_key is 'Stable key of the seed record; null for editor rows.';
comment on column product.slug is 'URL-safe unique identifier, e.g. pegasus.';
comment on column product.name is 'Name of the product.';
comment on column product.kind is 'SPYWARE, EXPLOIT, EXPLOIT_PROGRAM, EVENT or OTHER.';
comment on column product.description is 'Short description from the sources.';
comment on column product.revision is 'Incremented on every change.';
comment on column product.created_at is 'When the row was created.';
comment on column product.updated_at is 'When the row was last changed.';

create table product_vendor (
  id bigint generated always as identity primary key,
  seed_key text unique,
  product_id bigint not null references product (id) on delete cascade,
  vendor_id bigint not null references vendor (id) on delete cascade,
  confidence confidence not null,
  revision integer not null default 1 check (revision >= 1),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (product_id, vendor_id)
);
create index product_vendor_product_idx on product_vendor (product_id);
create index product_vendor_vendor_idx on product_vendor (vendor_id);
comment on table product_vendor is 'The claim that a vendor makes, sells or runs a product (a product may have several vendors).';
comment on column product_vendor.id is 'Surrogate key.';
comment on column product_vendor.seed_key is 'Stable key of the seed record; null for editor rows.';
comment on column product_vendor.product_id is 'The product.';
comment on column product_vendor.vendor_id is 'The vendor.';
comment on column product_vendor.confidence is 'Confidence in the link.';
comment on column product_vendor.revision is 'Incremented on every change.';
comment on column product_vendor.created_at is 'When the row was created.';
comment on column product_vendor.updated_at is 'When the row was last changed.';

--changeset vendorwatch:003-sanction
create table sanction_authority (
  code text primary key check (code ~ '^[A-Z][A-Z0-9_]{1,40}$'),
  seed_key text unique,
  name text not null check (length(btrim(name)) between 1 and 300),
  country_code char(2) references jurisdiction (code) on delete restrict
);
create index sanction_authority_country_idx on sanction_authority (country_code);
comment on table sanction_authority is 'A body that takes sanctions or export-control actions (US BIS, US OFAC, US State Department ...).';
comment on column sanction_authority.code is 'Stable code, e.g. US_BIS.';
comment on column sanction_authority.seed_key is 'Stable key of the seed record; null for editor rows.';
comment on column sanction_authority.name is 'Full name.';
comment on column sanction_authority.country_code is 'Country of the authority; null for multinational bodies.';

create table sanction_program (
  code text primary key check (code ~ '^[A-Z][A-Z0-9_]{1,60}$'),
  seed_key text unique,
  authority_code text not null references sanction_authority (code) on delete restrict,
  name text not null check (length(btrim(name)) between 1 and 300)
);
create index sanction_program_authority_idx on sanction_program (authority_code);
comment on table sanction_program is 'A list or legal program under which actions are taken (Entity List, SDN List, visa restriction policy ...).';
comment on column sanction_program.code is 'Stable code, e.g. US_ENTITY_LIST.';
comment on column sanction_program.seed_key is 'Stable key of the seed record; null for editor rows.';
comment on column sanction_program.authority_code is 'The authority that runs the program.';
comment on column sanction_program.name is 'Full name.';

create table sanction_event (
  id bigint generated always as identity primary key,
  seed_key text unique,
  authority_code text not null references sanction_authority (code) on delete restrict,
  program_code text references sanction_program (code) on delete restrict,
  program_detail text check (length(program_detail) <= 2000),
  action_type text not null check (action_type in ('LISTED', 'DESIGNATED', 'AMENDED', 'REMOVED', 'VISA_RESTRICTION', 'POLICY', 'RESOLUTION')),
  title text check (length(title) <= 500),
  announced_on date,
  published_on date,
  effective_on date,
  lifted_on date,
  citation text check (length(citation) <= 300),
  document_number text check (length(document_number) <= 100),
  press_release text check (length(press_release) <= 300),
  url text check (url ~ '^https?://[^\s]+$' and length(url) <= 2000),
  license_requirement text check (length(license_requirement) <= 1000),
  license_exceptions text check (length(license_exceptions) <= 1000),
  license_policy text check (length(license_policy) <= 1000),
  summary text check (length(summary) <= 4000),
  confidence confidence not null,
  confidence_detail jsonb not null default '{}' check (jsonb_typeof(confidence_detail) = 'object'
    and not jsonb_path_exists(confidence_detail, '$.* ? (@ != "HIGH" && @ != "MEDIUM" && @ != "LOW")')),
  notes text[] not null default '{}',
  sort_on date not null generated always as (coalesce(effective_on, published_on, announced_on, date '0001-01-01')) stored,
  revision integer not null default 1 check (revision >= 1),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (num_nonnulls(announced_on, published_on, effective_on) >= 1),
  check (lifted_on is null or lifted_on >= coalesce(effective_on, published_on, announced_on))
);
create index sanction_event_authority_idx on sanction_event (authority_code);
create index sanction_event_program_idx on sanction_event (program_code);
create index sanction_event_sort_idx on sanction_event (sort_on desc, id desc);
comment on table sanction_event is 'A dated government act: a rule, designation, delisting or policy measure, with its citation. Its targets are sanction_action rows.';
comment on column sanction_event.id is 'Surrogate key.';
comment on column sanction_event.seed_key is 'Stable key of the seed record (e.g. sa_bis_el_20211104); null for editor rows.';
comment on column sanction_event.authority_code is 'The authority that took the action.';
comment on column sanction_event.program_code is 'The list or program, where there is one.';
comment on column sanction_event.program_detail is 'The program or legal basis exactly as the sources word it.';
comment on column sanction_event.action_type is 'LISTED (added to a list), DESIGNATED (blocking designation), AMENDED, REMOVED (delisting), VISA_RESTRICTION, POLICY (executive measure without listed targets), RESOLUTION (non-binding resolution or process).';
comment on column sanction_event.title is 'Title of the act or notice.';
comment on column sanction_event.announced_on is 'When the action was announced (press release, public inspection).';
comment on column sanction_event.published_on is 'When it was published in the official journal (e.g. the Federal Register).';
comment on column sanction_event.effective_on is 'When it took legal effect.';
comment on column sanction_event.lifted_on is 'When the whole act was lifted, if it was.';
comment on column sanction_event.citation is 'Official citation, e.g. 86 FR 60759.';
comment on column sanction_event.document_number is 'Official document number, e.g. FR Doc. 2021-24123.';
comment on column sanction_event.press_release is 'Press release number or title, e.g. Treasury jy0127.';
comment on column sanction_event.url is 'Official URL of the act, where known.';
comment on column sanction_event.license_requirement is 'Export-licence requirement, e.g. all items subject to the EAR.';
comment on column sanction_event.license_exceptions is 'Licence exceptions available, e.g. None.';
comment on column sanction_event.license_policy is 'Licence review policy, e.g. presumption of denial.';
comment on column sanction_event.summary is 'Scope of the act, for measures without listed targets.';
comment on column sanction_event.confidence is 'Overall confidence: the lowest of confidence_detail.';
comment on column sanction_event.confidence_detail is 'Confidence per aspect, e.g. {"effective_date": "HIGH", "citation_page": "MEDIUM"}.';
comment on column sanction_event.notes is 'Caveats, discrepancies and open questions.';
comment on column sanction_event.sort_on is 'Sort key: effective, else published, else announced date.';
comment on column sanction_event.revision is 'Incremented on every change.';
comment on column sanction_event.created_at is 'When the row was created.';
comment on column sanction_event.updated_at is 'When the row was last changed.';

create table sanction_action (
  id bigint generated always as identity primary key,
  seed_key text unique,
  event_id bigint not null references sanction_event (id) on delete cascade,
  vendor_id bigint references vendor (id) on delete restrict,
  person_name text check (length(btrim(person_name)) between 1 and 300),
  affiliated_vendor_id bigint references vendor (id) on delete set null,
  listed_name text check (length(listed_name) <= 500),
  listed_aliases text[] not null default '{}',
  listed_address text check (length(listed_address) <= 2000),
  reason text check (length(reason) <= 4000),
  lifted_on date,
  lifted_by_event_id bigint references sanction_event (id) on delete set null,
  confidence confidence not null,
  notes text[] not null default '{}',
  revision integer not null default 1 check (revision >= 1),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (num_nonnulls(vendor_id, person_name) = 1),
  check (affiliated_vendor_id is null or person_name is not null),
  unique (event_id, vendor_id),
  unique (event_id, person_name)
);
create index sanction_action_event_idx on sanction_action (event_id);
create index sanction_action_vendor_idx on sanction_action (vendor_id);
create index sanction_action_affiliated_idx on sanction_action (affiliated_vendor_id);
create index sanction_action_lifted_by_idx on sanction_action (lifted_by_event_id);
comment on table sanction_action is 'A sanction event as it applies to one target (a vendor, or a named person): the name and address as listed and the stated reason.';
comment on column sanction_action.id is 'Surrogate key.';
comment on column sanction_action.seed_key is 'Stable key of the seed record; null for editor rows.';
comment on column sanction_action.event_id is 'The government act.';
comment on column sanction_action.vendor_id is 'The targeted vendor (null when the target is a person).';
comment on column sanction_action.person_name is 'The targeted person (null when the target is a vendor).';
comment on column sanction_action.affiliated_vendor_id is 'For a person: the vendor they are linked to.';
comment on column sanction_action.listed_name is 'The name exactly as the list prints it.';
comment on column sanction_action.listed_aliases is 'The a.k.a. names exactly as the list prints them.';
comment on column sanction_action.listed_address is 'The address as the list prints it.';
comment on column sanction_action.reason is 'The stated reason for this target.';
comment on column sanction_action.lifted_on is 'When the action was lifted for this target (delisting), if it was.';
comment on column sanction_action.lifted_by_event_id is 'The event that lifted it, if recorded.';
comment on column sanction_action.confidence is 'Confidence that this target was acted on as described.';
comment on column sanction_action.notes is 'Caveats about this entry.';
comment on column sanction_action.revision is 'Incremented on every change.';
comment on column sanction_action.created_at is 'When the row was created.';
comment on column sanction_action.updated_at is 'When the row was last changed.';

--changeset vendorwatch:003-allegation
create table allegation (
  id bigint generated always as identity primary key,
  seed_key text unique,
  vendor_id bigint not null references vendor (id) on delete restrict,
  title text not null check (length(btrim(title)) between 1 and 300),
  summary text not null check (length(btrim(summary)) between 1 and 8000),
  category text not null check (category in ('TARGETED_SURVEILLANCE', 'PLATFORM_ABUSE', 'EXPLOIT_TRADE', 'INTELLIGENCE_SUPPORT', 'OTHER')),
  status text not null default 'REPORTED' check (status in ('REPORTED', 'CORROBORATED', 'ADJUDICATED', 'DISPUTED', 'DENIED', 'RETRACTED')),
  status_reason text check (length(status_reason) <= 2000),
  first_reported_on date not null,
  first_reported_precision date_precision not null,
  reported_by text check (length(reported_by) <= 500),
  confidence confidence not null,
  confidence_detail jsonb not null default '{}' check (jsonb_typeof(confidence_detail) = 'object'
    and not jsonb_path_exists(confidence_detail, '$.* ? (@ != "HIGH" && @ != "MEDIUM" && @ != "LOW")')),
  notes text[] not null default '{}',
  revision integer not null default 1 check (revision >= 1),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (status not in ('RETRACTED') or status_reason is not null)
);
create index allegation_vendor_idx on allegation (vendor_id);
create index allegation_sort_idx on allegation (first_reported_on desc, id desc);
create index allegation_status_idx on allegation (status);
comment on table allegation is 'A sourced claim against one or more vendors, with a status lifecycle. Retracted or corrected allegations stay visible with their reason.';
comment on column allegation.id is 'Surrogate key.';
comment on column allegation.seed_key is 'Stable key of the seed record (e.g. al_pegasus_project); null for editor rows.';
comment on column allegation.vendor_id is 'The primary vendor the allegation is about (all vendors are in allegation_vendor).';
comment on column allegation.title is 'Short title, e.g. The Pegasus Project.';
comment on column allegation.summary is 'What is alleged, by whom, as the sources say it.';
comment on column allegation.category is 'TARGETED_SURVEILLANCE, PLATFORM_ABUSE, EXPLOIT_TRADE, INTELLIGENCE_SUPPORT or OTHER.';
comment on column allegation.status is 'REPORTED, CORROBORATED (independently confirmed), ADJUDICATED (a court ruled), DISPUTED (the vendor rejects it), DENIED, RETRACTED.';
comment on column allegation.status_reason is 'Why the allegation has its status.';
comment on column allegation.first_reported_on is 'When the allegation was first reported (first day of the period for month or year precision).';
comment on column allegation.first_reported_precision is 'Precision of first_reported_on.';
comment on column allegation.reported_by is 'Who first made the allegation public.';
comment on column allegation.confidence is 'Overall confidence: the lowest of confidence_detail.';
comment on column allegation.confidence_detail is 'Confidence per aspect, e.g. {"counts_and_names": "MEDIUM"}.';
comment on column allegation.notes is 'Caveats, discrepancies and open questions.';
comment on column allegation.revision is 'Incremented on every change.';
comment on column allegation.created_at is 'When the row was created.';
comment on column allegation.updated_at is 'When the row was last changed.';

create table allegation_vendor (
  id bigint generated always as identity primary key,
  seed_key text unique,
  allegation_id bigint not null references allegation (id) on delete cascade,
  vendor_id bigint not null references vendor (id) on delete cascade,
  unique (allegation_id, vendor_id)
);
create index allegation_vendor_allegation_idx on allegation_vendor (allegation_id);
create index allegation_vendor_vendor_idx on allegation_vendor (vendor_id, allegation_id);
comment on table allegation_vendor is 'Every vendor an allegation is about, the primary one included.';
comment on column allegation_vendor.id is 'Surrogate key.';
comment on column allegation_vendor.seed_key is 'Stable key of the seed record; null for editor rows.';
comment on column allegation_vendor.allegation_id is 'The allegation.';
comment on column allegation_vendor.vendor_id is 'A vendor it is about.';

create table allegation_development (
  id bigint generated always as identity primary key,
  seed_key text unique,
  allegation_id bigint not null references allegation (id) on delete cascade,
  occurred_on date not null,
  occurred_precision date_precision not null,
  description text not null check (length(btrim(description)) between 1 and 4000),
  confidence confidence not null,
  notes text[] not null default '{}',
  revision integer not null default 1 check (revision >= 1),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index allegation_development_allegation_idx on allegation_development (allegation_id, occurred_on);
comment on table allegation_development is 'A dated development of an allegation: a lawsuit, ruling, verdict or follow-up finding.';
comment on column allegation_development.id is 'Surrogate key.';
comment on column allegation_development.seed_key is 'Stable key of the seed record; null for editor rows.';
comment on column allegation_development.allegation_id is 'The allegation.';
comment on column allegation_development.occurred_on is 'When it happened (first day of the period for month or year precision).';
comment on column allegation_development.occurred_precision is 'Precision of occurred_on.';
comment on column allegation_development.description is 'What happened.';
comment on column allegation_development.confidence is 'Confidence in the development.';
comment on column allegation_development.notes is 'Caveats and discrepancies.';
comment on column allegation_development.revision is 'Incremented on every change.';
comment on column allegation_development.created_at is 'When the row was created.';
comment on column allegation_development.updated_at is 'When the row was last changed.';

--changeset vendorwatch:003-statement-note
create table vendor_statement (
  id bigint generated always as identity primary key,
  seed_key text unique,
  vendor_id bigint not null references vendor (id) on delete cascade,
  stated_on date not null,
  stated_precision date_precision not null,
  speaker text check (length(speaker) <= 500),
  quote text check (length(quote) <= 8000),
  summary text check (length(summary) <= 8000),
  confidence confidence not null,
  notes text[] not null default '{}',
  revision integer not null default 1 check (revision >= 1),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (quote is not null or summary is not null)
);
create index vendor_statement_vendor_idx on vendor_statement (vendor_id, stated_on desc);
comment on table vendor_statement is 'A vendor''s own statement: its right of reply.';
comment on column vendor_statement.id is 'Surrogate key.';
comment on column vendor_statement.seed_key is 'Stable key of the seed record; null for editor rows.';
comment on column vendor_statement.vendor_id is 'The vendor that made the statement.';
comment on column vendor_statement.stated_on is 'When it was made (first day of the period for month or year precision).';
comment on column vendor_statement.stated_precision is 'Precision of stated_on.';
comment on column vendor_statement.speaker is 'Who spoke for the vendor, and to whom.';
comment on column vendor_statement.quote is 'The verbatim words, where a source prints them.';
comment on column vendor_statement.summary is 'Paraphrase of the statement or of the rest of it.';
comment on column vendor_statement.confidence is 'Confidence that the statement was made as given.';
comment on column vendor_statement.notes is 'Caveats, e.g. translation variants.';
comment on column vendor_statement.revision is 'Incremented on every change.';
comment on column vendor_statement.created_at is 'When the row was created.';
comment on column vendor_statement.updated_at is 'When the row was last changed.';

create table vendor_note (
  id bigint generated always as identity primary key,
  seed_key text unique,
  vendor_id bigint not null references vendor (id) on delete cascade,
  text text not null check (length(btrim(text)) between 1 and 4000),
  confidence confidence not null,
  revision integer not null default 1 check (revision >= 1),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index vendor_note_vendor_idx on vendor_note (vendor_id);
comment on table vendor_note is 'Another sourced fact about a vendor (leadership, ownership, history).';
comment on column vendor_note.id is 'Surrogate key.';
comment on column vendor_note.seed_key is 'Stable key of the seed record; null for editor rows.';
comment on column vendor_note.vendor_id is 'The vendor.';
comment on column vendor_note.text is 'The fact, as the sources give it.';
comment on column vendor_note.confidence is 'Confidence in the fact.';
comment on column vendor_note.revision is 'Incremented on every change.';
comment on column vendor_note.created_at is 'When the row was created.';
comment on column vendor_note.updated_at is 'When the row was last changed.';

--changeset vendorwatch:003-citation
create table citation (
  id bigint generated always as identity primary key,
  seed_key text unique,
  source_id bigint not null references source (id) on delete restrict,
  vendor_id bigint references vendor (id) on delete cascade,
  vendor_name_id bigint references vendor_name (id) on delete cascade,
  vendor_jurisdiction_id bigint references vendor_jurisdiction (id) on delete cascade,
  vendor_identifier_id bigint references vendor_identifier (id) on delete cascade,
  vendor_relationship_id bigint references vendor_relationship (id) on delete cascade,
  product_vendor_id bigint references product_vendor (id) on delete cascade,
  sanction_event_id bigint references sanction_event (id) on delete cascade,
  sanction_action_id bigint references sanction_action (id) on delete cascade,
  allegation_id bigint references allegation (id) on delete cascade,
  allegation_development_id bigint references allegation_development (id) on delete cascade,
  vendor_statement_id bigint references vendor_statement (id) on delete cascade,
  vendor_note_id bigint references vendor_note (id) on delete cascade,
  aspect text check (aspect ~ '^[a-z][a-z0-9_]{0,60}$'),
  quote text check (length(quote) <= 4000),
  locator text check (length(locator) <= 500),
  confidence confidence not null,
  created_at timestamptz not null default now(),
  check (num_nonnulls(vendor_id, vendor_name_id, vendor_jurisdiction_id, vendor_identifier_id, vendor_relationship_id,
    product_vendor_id, sanction_event_id, sanction_action_id, allegation_id, allegation_development_id,
    vendor_statement_id, vendor_note_id) = 1)
);
create index citation_source_idx on citation (source_id);
create index citation_vendor_idx on citation (vendor_id) where vendor_id is not null;
create index citation_vendor_name_idx on citation (vendor_name_id) where vendor_name_id is not null;
create index citation_vendor_jurisdiction_idx on citation (vendor_jurisdiction_id) where vendor_jurisdiction_id is not null;
create index citation_vendor_identifier_idx on citation (vendor_identifier_id) where vendor_identifier_id is not null;
create index citation_vendor_relationship_idx on citation (vendor_relationship_id) where vendor_relationship_id is not null;
create index citation_product_vendor_idx on citation (product_vendor_id) where product_vendor_id is not null;
create index citation_sanction_event_idx on citation (sanction_event_id) where sanction_event_id is not null;
create index citation_sanction_action_idx on citation (sanction_action_id) where sanction_action_id is not null;
create index citation_allegation_idx on citation (allegation_id) where allegation_id is not null;
create index citation_allegation_development_idx on citation (allegation_development_id) where allegation_development_id is not null;
create index citation_vendor_statement_idx on citation (vendor_statement_id) where vendor_statement_id is not null;
create index citation_vendor_note_idx on citation (vendor_note_id) where vendor_note_id is not null;
comment on table citation is 'Links exactly one claim (a name, jurisdiction, relationship, product link, sanction event or action, allegation, development, statement, note, or a vendor-level fact) to a source, with quote, locator and confidence.';
comment on column citation.id is 'Surrogate key.';
comment on column citation.seed_key is 'Stable key of the seed record; null for editor rows.';
comment on column citation.source_id is 'The cited source.';
comment on column citation.vendor_id is 'Claim: a vendor-level fact (see aspect, e.g. founded).';
comment on column citation.vendor_name_id is 'Claim: a vendor name.';
comment on column citation.vendor_jurisdiction_id is 'Claim: a vendor''s tie to a country.';
comment on column citation.vendor_identifier_id is 'Claim: an external identifier.';
comment on column citation.vendor_relationship_id is 'Claim: a relationship between vendors.';
comment on column citation.product_vendor_id is 'Claim: a vendor makes a product.';
comment on column citation.sanction_event_id is 'Claim: a sanction event.';
comment on column citation.sanction_action_id is 'Claim: a sanction action on one target.';
comment on column citation.allegation_id is 'Claim: an allegation.';
comment on column citation.allegation_development_id is 'Claim: a development of an allegation.';
comment on column citation.vendor_statement_id is 'Claim: a vendor statement.';
comment on column citation.vendor_note_id is 'Claim: a vendor note.';
comment on column citation.aspect is 'Which aspect of the claim the source supports, when not the whole (e.g. founded).';
comment on column citation.quote is 'Verbatim words from the source supporting the claim.';
comment on column citation.locator is 'Where in the source (page, paragraph, section).';
comment on column citation.confidence is 'How strongly this source supports the claim.';
comment on column citation.created_at is 'When the row was created.';

--changeset vendorwatch:003-seed-state
create table seed_state (
  id integer primary key default 1 check (id = 1),
  content_sha256 text not null check (content_sha256 ~ '^[0-9a-f]{64}$'),
  loaded_at timestamptz not null default now()
);
comment on table seed_state is 'The curated seed last loaded into this database: a hash of the seed files, so an unchanged seed is not loaded again.';
comment on column seed_state.id is 'Always 1: a single row.';
comment on column seed_state.content_sha256 is 'SHA-256 over the seed files (names and contents).';
comment on column seed_state.loaded_at is 'When it was loaded.';
