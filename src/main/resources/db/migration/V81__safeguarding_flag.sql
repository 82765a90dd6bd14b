-- interview (safeguarding): a possible report of concern, flagged by the interviewer. Kept in its
-- own table on purpose: nothing that counts, analyses or exports interviews reads it. The note is
-- encrypted with the round's key. Round and participant are kept besides the interview so that the
-- notice still says which child it concerns if the interview itself is ever removed.
create table safeguarding_flag (
    id               bigserial primary key,
    round_id         bigint not null references round (id),
    unit_id          bigint not null references unit (id),
    participant_id   bigint references participant (id) on delete set null,
    interview_id     bigint references interview (id) on delete set null,
    raised_by        bigint not null references staff (id),
    raised_at        timestamptz not null default now(),
    note             bytea not null,
    acknowledged_by  bigint references staff (id),
    acknowledged_at  timestamptz
);
create index safeguarding_flag_unit on safeguarding_flag (unit_id, acknowledged_at);
create index safeguarding_flag_interview on safeguarding_flag (interview_id);
