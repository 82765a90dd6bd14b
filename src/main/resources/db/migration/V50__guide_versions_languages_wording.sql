-- Guide versions that can be locked, languages as data, and child-facing wording per question for an
-- age band and a language.

-- A guide version is locked (locked_at set) once a round uses it, or when an editor locks it on
-- purpose. A locked version never changes again: editing it makes a copy with version + 1.
alter table guide add column locked_at timestamptz;
alter table guide add column based_on bigint references guide (id);

-- One-time backfill for versions already used before locking existed. From now on the round module
-- tells the guide module through Guides.lock(guideId), so the guide module never reads rounds.
update guide set locked_at = now() where id in (select guide_id from round);
-- The default guide is the published version every round starts from.
update guide set locked_at = now() where name = 'Barns röster om socialtjänsten' and version = 1;

-- The languages child-facing wording can be written in. Adding a language is inserting a row here.
create table guide_language (
    code       text primary key check (code ~ '^[a-z]{2,3}$'),
    name       text not null,
    direction  text not null default 'ltr' check (direction in ('ltr', 'rtl')),
    position   int not null default 100
);
insert into guide_language (code, name, direction, position) values
    ('sv', 'Svenska', 'ltr', 1),
    ('en', 'English', 'ltr', 2),
    ('ar', 'العربية', 'rtl', 3);

-- What the child hears: a question's wording in a language, either for one age band or (age_band
-- null) for every age. The guide's own text is the Swedish fallback.
create table question_wording (
    id           bigserial primary key,
    question_id  bigint not null references guide_question (id) on delete cascade,
    language     text not null references guide_language (code),
    age_band     text check (age_band in ('5-8', '9-12', '13-18')),
    text         text not null check (length(btrim(text)) > 0),
    unique nulls not distinct (question_id, language, age_band)
);
create index question_wording_question on question_wording (question_id);
