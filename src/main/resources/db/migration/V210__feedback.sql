-- "Det här sa ni – det här gör vi": the feedback to the children of a round. It holds no personal data
-- (no names, no pseudonyms; the only child words are approved quotes, copied in plain text as the
-- memo copies them), so it is stored as text and outlives the round's key.
--
-- The team edits the DRAFT copy; approval copies it to the PUBLISHED copy, which is what the public
-- page and the letters show. Editing after approval changes only the draft: the published copy stays
-- until the process lead approves again.
create table feedback (
    id               bigserial primary key,
    round_id         bigint not null unique references round (id),
    unit_id          bigint not null references unit (id),
    -- The public page's address: random and unguessable, never the round's id.
    token            text not null unique check (length(token) >= 32),
    version          int not null default 0,
    approved_version int,
    approved_by      text,
    approved_at      timestamptz,
    created_by       text not null,
    created_at       timestamptz not null default now(),
    updated_by       text not null,
    updated_at       timestamptz not null default now()
);

-- One part of one version (an age band in a language) of one copy: the points of an area of "Det här
-- sa ni" (one point a line), an approved quote, or the points of "Det här gör vi".
create table feedback_part (
    id          bigserial primary key,
    feedback_id bigint not null references feedback (id) on delete cascade,
    copy        text not null check (copy in ('DRAFT', 'PUBLISHED')),
    age_band    text not null check (age_band in ('5-8', '9-12', '13-18')),
    language    text not null references guide_language (code),
    position    int not null,
    kind        text not null check (kind in ('SAID', 'QUOTE', 'DOING')),
    area_code   text,
    heading     text,
    body        text not null,
    quote_id    bigint,
    check (kind <> 'QUOTE' or quote_id is not null)
);
create index feedback_part_copy on feedback_part (feedback_id, copy, age_band, language, position);
