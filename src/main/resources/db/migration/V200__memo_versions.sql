-- memo versions: every save of a round's memo to the committee is a new, numbered version.
-- The text is the team's own (counts, themes, approved quotes, proposals), never a child's raw words,
-- so it is kept in plain text: it must outlive the round's key when the raw free text is shredded.
-- "facts" holds the whole-round counts and the proposals the version's tables and charts were drawn
-- from, as JSON, so a version prints the same later.
create table memo_version (
    id             bigserial primary key,
    round_id       bigint not null references round (id),
    number         int not null check (number > 0),
    proposal       text not null,
    summary        text not null,
    case_text      text not null,
    economy        text not null,
    children       text not null,
    attachments    text not null,
    signer1_name   text not null,
    signer1_title  text not null,
    signer2_name   text,
    signer2_title  text,
    facts          text not null,
    comment        text,
    saved_by       text not null,
    saved_by_name  text not null,
    saved_at       timestamptz not null default now(),
    unique (round_id, number)
);
