-- round: staff who know the child's family. Like being the child's case worker, it rules the person
-- out as the child's interviewer. The optional note is free text, so it is encrypted with the round's key.
create table participant_known_by (
    participant_id  bigint not null references participant (id) on delete cascade,
    staff_id        bigint not null references staff (id),
    note            bytea,
    created_at      timestamptz not null default now(),
    primary key (participant_id, staff_id)
);

-- round: the interview's time and place as the child chose them. The place may be the child's home,
-- so it is encrypted with the round's key. "sequence" counts changes, for the calendar file (RFC 5545).
create table booking (
    participant_id  bigint primary key references participant (id) on delete cascade,
    starts_at       timestamptz not null,
    ends_at         timestamptz not null,
    place           bytea not null,
    sequence        int not null default 0,
    booked_by       text not null,
    updated_at      timestamptz not null default now(),
    check (ends_at > starts_at)
);
create index booking_starts_at on booking (starts_at);
