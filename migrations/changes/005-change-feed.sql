--liquibase formatted sql

--changeset vendorwatch:005-change-feed
-- The change feed reads audit events in (transaction, id) order, up to the oldest transaction still running.
create index audit_event_feed_idx on audit_event (transaction_id, id);
