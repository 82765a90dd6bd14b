-- quotes: segments marked as candidate quotes, edited until nothing identifying is left, then approved.
-- While a quote is a candidate its text is child data and is kept encrypted with the round's key
-- ("draft"). Approval stores the de-identified wording in plain text ("approved_text"): it is an
-- output like the memo, and it must outlive the round's key when the raw free text is shredded.
create table quote (
    id             bigserial primary key,
    round_id       bigint not null references round (id),
    code_id        bigint not null references code (id),
    interview_id   bigint not null,
    participant_id bigint not null references participant (id),
    kind           text not null check (kind in ('CHILD_WORDS', 'NOTES', 'TRANSCRIPT', 'REFLECTION')),
    question_id    bigint,
    part           text,
    start_offset   int not null check (start_offset >= 0),
    end_offset     int not null,
    draft          bytea,
    approved_text  text,
    status         text not null default 'CANDIDATE' check (status in ('CANDIDATE', 'APPROVED', 'WITHDRAWN')),
    version        int not null default 0,
    created_by     text not null,
    created_at     timestamptz not null default now(),
    approved_by    text,
    approved_at    timestamptz,
    check (end_offset > start_offset),
    check (status <> 'APPROVED' or approved_text is not null)
);
create index quote_round on quote (round_id, status);
-- One quote per span: two people marking the same span at once get the same quote.
create unique index quote_once on quote
    (round_id, interview_id, kind, coalesce(question_id, 0), coalesce(part, ''), start_offset, end_offset);
