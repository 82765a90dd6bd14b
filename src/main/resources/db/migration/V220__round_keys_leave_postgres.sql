-- privacy: round keys leave PostgreSQL. A deleted row stays readable in the WAL and in table files, so
-- a key "destroyed" by deleting its row in round_key could be read back from a copy of the data folder.
-- Keys now live in a key store where deletion is real (privacy.RoundKeyStore). V221 (a Java migration,
-- privacy.RoundKeyTableMigration) moves every row of round_key into the configured store and drops
-- the table.

-- The PKCS#11 store: the round's keyset wrapped by a non-extractable AES key in the HSM (key_label).
-- Without that HSM object the wrapped keyset is useless, so it may stay in WAL and backups.
create table round_key_hsm (
    round_id        bigint not null,
    purpose         text not null check (purpose in ('TEXT', 'IDENTITY')),
    key_label       text not null unique,
    wrapped_keyset  bytea not null,
    created_at      timestamptz not null default now(),
    primary key (round_id, purpose)
);

-- Which keys V221 moved, until the application has written them to the audit log on its next start.
-- Holds no key material.
create table round_key_moved (
    round_id    bigint not null,
    purpose     text not null,
    moved_at    timestamptz not null default now(),
    primary key (round_id, purpose)
);
