-- Two rounds of one unit may not share a title (compared trimmed and case-insensitively): a process
-- lead picks a round by its title in lists, letters and memos, and two "Barns röster 2026" are a trap.
--
-- A database from before this rule may already hold such pairs. The oldest round keeps its title;
-- each later one gets its id appended, "Barns röster 2026 (42)", which no other round can have
-- taken because ids are unique. Each renaming is noted in round_title_renamed, so the round's plan
-- page can tell the process lead what happened and why.

create table round_title_renamed (
    round_id   bigint primary key references round (id),
    old_title  text not null,
    new_title  text not null,
    renamed_at timestamptz not null default now()
);

with ranked as (
    select id, title,
           row_number() over (partition by unit_id, lower(btrim(title)) order by created_at, id) as n
    from round
), renamed as (
    update round r
       set title = left(btrim(ranked.title), 180) || ' (' || r.id || ')'
      from ranked
     where ranked.id = r.id and ranked.n > 1
    returning r.id, ranked.title as old_title, r.title as new_title
)
insert into round_title_renamed (round_id, old_title, new_title)
select id, old_title, new_title from renamed;

create unique index round_title_per_unit on round (unit_id, lower(btrim(title)));
