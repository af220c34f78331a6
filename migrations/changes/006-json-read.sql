--liquibase formatted sql

--changeset vendorwatch:006-json-read splitStatements:false
-- Helpers for the compiled read path (org.vendorwatch.read): a whole GraphQL query answered by one
-- statement that builds the response JSON. Each renders a value exactly as the Java path does, so both
-- paths return the same values for the same data. LANGUAGE sql, STABLE and not STRICT, so that
-- PostgreSQL inlines them into the statement. Null in, null out.

create function vw_b64url(raw text) returns text
language sql stable parallel safe
as $$ select translate(encode(convert_to(raw, 'UTF8'), 'base64'), E'+/=\n', '-_') $$;
comment on function vw_b64url(text) is 'base64url without padding of the UTF-8 bytes of a text, as java.util.Base64.getUrlEncoder().withoutPadding().';

create function vw_gid(type text, id bigint) returns text
language sql stable parallel safe
as $$ select vw_b64url(type || ':' || id) $$;
comment on function vw_gid(text, bigint) is 'The opaque global id of a row, as GlobalId.of(type, id).';

create function vw_cursor(scope text, vals text[]) returns text
language sql stable parallel safe
as $$ select vw_b64url(array_to_string(array_prepend(scope, vals), E'\t')) $$;
comment on function vw_cursor(text, text[]) is 'A keyset cursor, as Cursor.encode(): values must already be escaped with vw_cursor_escape; never null.';

create function vw_cursor_escape(val text) returns text
language sql stable parallel safe
as $$ select replace(replace(val, '%', '%25'), E'\t', '%09') $$;
comment on function vw_cursor_escape(text) is 'Escapes one cursor value as Cursor.escape() does.';

create function vw_datetime(ts timestamptz) returns text
language sql stable parallel safe
as $$ select to_char(ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS')
             || coalesce(nullif('.' || rtrim(to_char(ts at time zone 'UTC', 'US'), '0'), '.'), '') || 'Z' $$;
comment on function vw_datetime(timestamptz) is 'A DateTime as the API writes it: ISO 8601 in UTC, seconds always, fraction without trailing zeros (DateTimeFormatter.ISO_OFFSET_DATE_TIME).';

create function vw_datetime_key(ts timestamptz) returns text
language sql stable parallel safe
as $$ select to_char(ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI')
             || case when to_char(ts at time zone 'UTC', 'SS.US') = '00.000000' then ''
                     when to_char(ts at time zone 'UTC', 'US') = '000000' then to_char(ts at time zone 'UTC', ':SS')
                     when to_char(ts at time zone 'UTC', 'US') like '%000' then to_char(ts at time zone 'UTC', ':SS.MS')
                     else to_char(ts at time zone 'UTC', ':SS.US') end || 'Z' $$;
comment on function vw_datetime_key(timestamptz) is 'A DateTime as a cursor value: OffsetDateTime.toString() in UTC.';
