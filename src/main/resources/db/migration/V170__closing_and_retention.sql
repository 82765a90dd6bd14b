-- Closing a round, the retention of its free text, and two data keys per round.

-- privacy: each round gets two keys. IDENTITY encrypts what names a child (the key list, booking
-- places, notes on who knows the family) and is destroyed when the round is closed. TEXT encrypts
-- the free text (the children's words, notes, reflections, coded excerpts, seminar notes) and is
-- destroyed when the municipality's retention period after closing has passed. Existing keys are
-- TEXT keys; the application gives older rounds their IDENTITY key on start and re-encrypts their
-- key list with it (round.IdentityKeyMigration).
alter table round_key add column purpose text not null default 'TEXT' check (purpose in ('TEXT', 'IDENTITY'));
alter table round_key drop constraint round_key_pkey;
alter table round_key add primary key (round_id, purpose);
alter table round_key alter column purpose drop default;

-- organization: how long the raw free text of a closed round is kept (months after closing).
alter table municipality add column text_retention_months int not null default 12
    check (text_retention_months between 1 and 120);

-- round: when and by whom a round was closed, and when its free text was shredded. Setting
-- text_shredded_at (update ... where text_shredded_at is null) is how one node claims a shredding,
-- so the job never shreds or audits a round twice, however many nodes run it.
create table round_closure (
    round_id          bigint primary key references round (id),
    closed_at         timestamptz not null default now(),
    closed_by         text not null,
    text_shredded_at  timestamptz
);
create index round_closure_due on round_closure (closed_at) where text_shredded_at is null;

-- Rounds that reached the last step before closing existed count as closed now.
insert into round_closure (round_id, closed_at, closed_by)
select id, now(), 'system' from round where stage = 'CLOSED';

-- ShedLock: one row per scheduled job; the node holding the lock runs the job.
create table shedlock (
    name        varchar(64) primary key,
    lock_until  timestamptz not null,
    locked_at   timestamptz not null,
    locked_by   varchar(255) not null
);
