-- Completed interviews become readable for the whole unit only once the process lead has reviewed
-- their free text for the children's first names and opened them (issue 9, point 5). Until then
-- each interviewer reads only their own. One row per opened round.
create table interview_reading_opened (
    round_id  bigint primary key references round (id) on delete cascade,
    opened_by text not null,
    opened_at timestamptz not null default now()
);

-- Rounds already past the interviews were read by the unit before this rule existed: they stay
-- readable, so nothing a team is working on disappears on upgrade.
insert into interview_reading_opened (round_id, opened_by, opened_at)
select id, 'migration', now() from round
where stage not in ('PLANNING', 'SELECTION', 'ASSIGNMENT', 'INTERVIEWS');
