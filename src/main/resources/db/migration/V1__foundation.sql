-- Foundation schema. Each block is owned by one module (see package-info.java of that module);
-- other modules reach these tables only through the owning module's public services.

-- organization -------------------------------------------------------------
create table region (
    id          bigserial primary key,
    name        text not null unique
);

create table municipality (
    id                     bigserial primary key,
    region_id              bigint references region (id),
    name                   text not null unique,
    suppression_threshold  int not null default 5 check (suppression_threshold between 2 and 50),
    created_at             timestamptz not null default now()
);

create table unit (
    id               bigserial primary key,
    municipality_id  bigint not null references municipality (id),
    name             text not null,
    created_at       timestamptz not null default now(),
    unique (municipality_id, name)
);

create table staff (
    id             bigserial primary key,
    username       text not null unique check (username ~ '^[a-z0-9._-]{2,40}$'),
    display_name   text not null,
    title          text,
    email          text,
    password_hash  text not null,
    administrator  boolean not null default false,
    enabled        boolean not null default true,
    failed_logins  int not null default 0,
    locked_until   timestamptz,
    created_at     timestamptz not null default now()
);

create table staff_role (
    staff_id  bigint not null references staff (id) on delete cascade,
    unit_id   bigint not null references unit (id) on delete cascade,
    role      text not null check (role in ('PROCESS_LEAD', 'INTERVIEWER', 'UNIT_MANAGER', 'RD_ANALYST')),
    primary key (staff_id, unit_id, role)
);

-- access ---------------------------------------------------------------------
create table api_token (
    id            bigserial primary key,
    staff_id      bigint not null references staff (id) on delete cascade,
    name          text not null,
    token_hash    text not null unique,
    token_prefix  text not null,
    created_at    timestamptz not null default now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz
);

-- Sessions live in the database so that web nodes stay stateless.
create table spring_session (
    primary_id             char(36) not null primary key,
    session_id             char(36) not null unique,
    creation_time          bigint not null,
    last_access_time       bigint not null,
    max_inactive_interval  int not null,
    expiry_time            bigint not null,
    principal_name         varchar(100)
);
create index spring_session_expiry on spring_session (expiry_time);
create index spring_session_principal on spring_session (principal_name);

create table spring_session_attributes (
    session_primary_id  char(36) not null references spring_session (primary_id) on delete cascade,
    attribute_name      varchar(200) not null,
    attribute_bytes     bytea not null,
    primary key (session_primary_id, attribute_name)
);

-- audit ----------------------------------------------------------------------
create table audit_event (
    id           bigserial primary key,
    occurred_at  timestamptz not null default now(),
    actor        text not null,
    action       text not null,
    record_type  text,
    record_id    text,
    unit_id      bigint,
    outcome      text not null check (outcome in ('SUCCESS', 'DENIED', 'FAILURE')),
    detail       text
);
create index audit_event_time on audit_event (occurred_at);
create index audit_event_actor on audit_event (actor);
create index audit_event_record on audit_event (record_type, record_id);

create function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_event is append-only: % is not allowed', tg_op;
end;
$$;

create trigger audit_event_no_update_or_delete
    before update or delete on audit_event
    for each row execute function audit_event_is_append_only();

create trigger audit_event_no_truncate
    before truncate on audit_event
    for each statement execute function audit_event_is_append_only();

-- privacy --------------------------------------------------------------------
-- One data key per round, wrapped (encrypted) by the master key that lives outside the database.
-- Deleting the row crypto-shreds every ciphertext of the round.
create table round_key (
    round_id        bigint primary key,
    wrapped_keyset  bytea not null,
    created_at      timestamptz not null default now()
);

-- guide ----------------------------------------------------------------------
create table guide (
    id          bigserial primary key,
    name        text not null,
    version     int not null,
    created_at  timestamptz not null default now(),
    unique (name, version)
);

create table guide_area (
    id        bigserial primary key,
    guide_id  bigint not null references guide (id),
    position  int not null,
    code      text not null,
    title     text not null,
    intro     text,
    unique (guide_id, code)
);

create table guide_question (
    id                  bigserial primary key,
    area_id             bigint not null references guide_area (id),
    position            int not null,
    question_key        text not null,
    type                text not null check (type in ('YES_NO_DONT_KNOW', 'SINGLE_CHOICE', 'NUMBER', 'FREE_TEXT')),
    text                text not null,
    interviewer_prompt  text,
    options             text[] not null default '{}',
    unique (area_id, question_key)
);

-- round ----------------------------------------------------------------------
create table round (
    id              bigserial primary key,
    unit_id         bigint not null references unit (id),
    title           text not null,
    period_start    date not null,
    period_end      date not null,
    guide_id        bigint not null references guide (id),
    stage           text not null default 'PLANNING',
    target_children int,
    seminar_date    date,
    created_by      text not null,
    created_at      timestamptz not null default now(),
    version         int not null default 0,
    check (period_end >= period_start)
);
create index round_unit on round (unit_id);

create table participant (
    id                bigserial primary key,
    round_id          bigint not null references round (id),
    pseudonym         text not null,
    age               int not null check (age between 4 and 20),
    gender            text check (gender in ('GIRL', 'BOY', 'OTHER')),
    child_answer      text check (child_answer in ('YES', 'NO')),
    guardian_answer   text check (guardian_answer in ('CONSENTED', 'DECLINED', 'NOT_NEEDED')),
    consent_updated_at timestamptz,
    interviewer_id    bigint references staff (id),
    created_at        timestamptz not null default now(),
    unique (round_id, pseudonym)
);

create table participant_case_worker (
    participant_id  bigint not null references participant (id) on delete cascade,
    staff_id        bigint not null references staff (id),
    current         boolean not null,
    primary key (participant_id, staff_id)
);

-- The key list (kodnyckel): first name and contact, encrypted with the round's data key.
create table key_list_entry (
    participant_id  bigint primary key references participant (id) on delete cascade,
    ciphertext      bytea not null
);

-- interview ------------------------------------------------------------------
create table interview (
    id              bigserial primary key,
    round_id        bigint not null references round (id),
    participant_id  bigint not null unique references participant (id),
    interviewer_id  bigint not null references staff (id),
    status          text not null default 'DRAFT' check (status in ('DRAFT', 'COMPLETE')),
    notes           bytea,
    reflection      bytea,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now(),
    completed_at    timestamptz,
    version         int not null default 0
);
create index interview_round on interview (round_id);

create table answer (
    interview_id  bigint not null references interview (id) on delete cascade,
    question_id   bigint not null references guide_question (id),
    value         text,
    child_words   bytea,
    notes         bytea,
    primary key (interview_id, question_id)
);
