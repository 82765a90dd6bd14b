-- Places of a municipality that could point to a child: schools, areas, clubs and the like. The
-- de-identification check of quotes flags them. Staff vocabulary, not child data: kept in plain text.
create table municipality_place (
    id              bigserial primary key,
    municipality_id bigint not null references municipality (id),
    name            text not null check (length(name) between 2 and 120),
    created_by      text not null,
    created_at      timestamptz not null default now()
);
create unique index municipality_place_once on municipality_place (municipality_id, lower(name));

-- Who last changed a quote's wording or status and when, shown next to it.
alter table quote add column updated_by text;
alter table quote add column updated_at timestamptz;
