-- analysis: each round's codebook, its history, and coded segments of the interviews' free text.

-- One row per round whose codebook exists; inserting it first decides who seeds the codebook, so
-- two people opening the coding page at once do not seed it twice.
create table codebook (
    round_id   bigint primary key references round (id),
    created_at timestamptz not null default now()
);

-- A code is staff vocabulary, not child data, so its name is plain. Retired and merged codes stay,
-- so that the history and what was coded with them remain readable.
create table code (
    id          bigserial primary key,
    round_id    bigint not null references codebook (round_id),
    parent_id   bigint references code (id),
    area_code   text,
    name        text not null,
    position    int not null default 0,
    status      text not null default 'ACTIVE' check (status in ('ACTIVE', 'RETIRED', 'MERGED')),
    merged_into bigint references code (id),
    version     int not null default 0,
    created_by  text not null,
    created_at  timestamptz not null default now()
);
create index code_round on code (round_id);
create unique index code_active_name on code (round_id, lower(name)) where status = 'ACTIVE';

create table code_event (
    id          bigserial primary key,
    code_id     bigint not null references code (id),
    kind        text not null check (kind in ('CREATED', 'RENAMED', 'MERGED', 'RETIRED', 'COPIED')),
    old_name    text,
    new_name    text,
    other_code  bigint references code (id),
    actor       text not null,
    actor_name  text not null,
    occurred_at timestamptz not null default now()
);
create index code_event_code on code_event (code_id);

-- A coded span: where it is (interview, kind of text, question, part) and its character offsets.
-- The excerpt is kept encrypted with the round's key, bound to the span, so that it reads the same
-- even if the interview is reopened and edited later; it is never stored in plain text.
create table coded_segment (
    id             bigserial primary key,
    round_id       bigint not null references round (id),
    code_id        bigint not null references code (id),
    interview_id   bigint not null references interview (id),
    participant_id bigint not null references participant (id),
    kind           text not null check (kind in ('CHILD_WORDS', 'NOTES', 'TRANSCRIPT', 'REFLECTION')),
    question_id    bigint,
    part           text,
    start_offset   int not null check (start_offset >= 0),
    end_offset     int not null,
    excerpt        bytea not null,
    coded_by       text not null,
    coded_at       timestamptz not null default now(),
    check (end_offset > start_offset)
);
create index coded_segment_round on coded_segment (round_id);
create index coded_segment_code on coded_segment (code_id);
-- The same span coded with the same code twice (two people at once) is one segment.
create unique index coded_segment_once on coded_segment
    (code_id, interview_id, kind, coalesce(question_id, 0), coalesce(part, ''), start_offset, end_offset);
