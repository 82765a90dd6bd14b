-- analysis: blind double coding. Two coders code the same interviews without seeing each other's
-- codes; when both are done, the agreement between them is reported and the team may adopt their
-- segments into the shared coding.

create table double_coding (
    id              bigserial primary key,
    round_id        bigint not null references round (id),
    first_coder_id  bigint not null references staff (id),
    second_coder_id bigint not null references staff (id),
    first_done_at   timestamptz,
    second_done_at  timestamptz,
    started_by      text not null,
    started_at      timestamptz not null default now(),
    adopted_by      text,
    adopted_at      timestamptz,
    adopted_count   int,
    check (first_coder_id <> second_coder_id)
);
create index double_coding_round on double_coding (round_id);

-- Which completed interviews the pass covers: every text of these interviews is coded by both.
create table double_coding_interview (
    pass_id      bigint not null references double_coding (id),
    interview_id bigint not null references interview (id),
    primary key (pass_id, interview_id)
);

-- One coder's blind segment. Kept apart from coded_segment so that it can never show on the shared
-- coding page; the excerpt is encrypted with the round's key, bound to the pass, the coder and the span.
create table blind_segment (
    id             bigserial primary key,
    pass_id        bigint not null references double_coding (id),
    round_id       bigint not null references round (id),
    coder_id       bigint not null references staff (id),
    code_id        bigint not null references code (id),
    interview_id   bigint not null references interview (id),
    participant_id bigint not null references participant (id),
    kind           text not null check (kind in ('CHILD_WORDS', 'NOTES', 'TRANSCRIPT', 'REFLECTION')),
    question_id    bigint,
    part           text,
    start_offset   int not null check (start_offset >= 0),
    end_offset     int not null,
    excerpt        bytea not null,
    coded_at       timestamptz not null default now(),
    check (end_offset > start_offset)
);
create index blind_segment_pass on blind_segment (pass_id, coder_id);
create unique index blind_segment_once on blind_segment
    (pass_id, coder_id, code_id, interview_id, kind, coalesce(question_id, 0), coalesce(part, ''), start_offset, end_offset);
