-- seminar --------------------------------------------------------------------
-- One seminar per round: when it is held, who takes part, the notes (encrypted with the round's key).
create table seminar (
    round_id    bigint primary key references round (id),
    held_on     date,
    notes       bytea,
    updated_by  text not null,
    updated_at  timestamptz not null default now()
);

create table seminar_participant (
    round_id  bigint not null references seminar (round_id) on delete cascade,
    staff_id  bigint not null references staff (id),
    primary key (round_id, staff_id)
);

-- The reading checklist: which completed interviews each participant has read before the seminar.
create table seminar_reading (
    round_id      bigint not null references round (id),
    staff_id      bigint not null references staff (id),
    interview_id  bigint not null,
    read_at       timestamptz not null default now(),
    primary key (round_id, staff_id, interview_id)
);

-- Proposals the team makes, ranked by the team (rank 1 first).
create table seminar_proposal (
    id          bigserial primary key,
    round_id    bigint not null references round (id),
    area_code   text,
    text        text not null,
    evidence    text,
    rank        int not null,
    created_by  text not null,
    created_at  timestamptz not null default now(),
    changed_at  timestamptz not null default now()
);
create index seminar_proposal_round on seminar_proposal (round_id, rank);
