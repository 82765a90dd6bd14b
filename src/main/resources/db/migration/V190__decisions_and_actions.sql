-- decisions and actions -----------------------------------------------------------
-- A decision on one of the seminar's proposals. Rows are never changed: a new decision on the same
-- proposal is a new row, and the latest row (highest id) is the decision in force. The older rows are
-- the history. The texts are the staff's own words about the unit's work, not a child's, so they are
-- stored as text (refused if they contain an identity number) and remain after the round's key is gone.
create table decision (
    id           bigserial primary key,
    proposal_id  bigint not null references seminar_proposal (id),
    round_id     bigint not null references round (id),
    outcome      text not null check (outcome in ('APPROVED', 'REJECTED', 'POSTPONED')),
    reason       text,
    body         text not null check (body in ('UNIT_MANAGEMENT', 'COMMITTEE')),
    decided_on   date not null,
    decided_by   text,
    recorded_by  bigint not null references staff (id),
    recorded_at  timestamptz not null default now(),
    check (outcome = 'APPROVED' or reason is not null)
);
create index decision_proposal on decision (proposal_id, id);
create index decision_round on decision (round_id);

-- What the unit does about an approved proposal: who, by when, and how far it has come.
create table decision_action (
    id           bigserial primary key,
    proposal_id  bigint not null references seminar_proposal (id),
    decision_id  bigint not null references decision (id),
    round_id     bigint not null references round (id),
    unit_id      bigint not null references unit (id),
    text         text not null,
    owner_id     bigint not null references staff (id),
    deadline     date not null,
    status       text not null default 'PLANNED'
                 check (status in ('PLANNED', 'IN_PROGRESS', 'DONE', 'CANCELLED')),
    created_by   bigint not null references staff (id),
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    version      int not null default 0
);
create index decision_action_unit on decision_action (unit_id, deadline);
create index decision_action_round on decision_action (round_id);
create index decision_action_owner on decision_action (owner_id);

-- Notes on an action: a log, appended to and never edited.
create table decision_action_note (
    id          bigserial primary key,
    action_id   bigint not null references decision_action (id),
    text        text not null,
    author_id   bigint not null references staff (id),
    created_at  timestamptz not null default now()
);
create index decision_action_note_action on decision_action_note (action_id, id);
