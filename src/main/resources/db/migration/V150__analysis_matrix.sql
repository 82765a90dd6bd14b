-- analysis matrix: one row per guide area, three columns (what the children said, staff
-- experiences, proposals). Each cell has the team's own summary text, which can hold anything said
-- in the analysis, so it is encrypted with the round's key. "version" guards against two people
-- saving over each other: a save based on an older version is refused and the newer text shown.
create table matrix_cell (
    round_id    bigint not null references round (id),
    area_code   text not null,
    column_key  text not null check (column_key in ('CHILDREN', 'STAFF', 'PROPOSALS')),
    team_text   bytea,
    version     int not null default 0,
    updated_by  text not null,
    updated_at  timestamptz not null default now(),
    primary key (round_id, area_code, column_key)
);

-- Which themes (codes) and approved quotes the analyst chose to show in the matrix. No row means
-- the default: a theme is shown when at least one child is coded with it, an approved quote always.
create table matrix_choice (
    round_id   bigint not null references round (id),
    kind       text not null check (kind in ('CODE', 'QUOTE')),
    item_id    bigint not null,
    included   boolean not null,
    chosen_by  text not null,
    chosen_at  timestamptz not null default now(),
    primary key (round_id, kind, item_id)
);
