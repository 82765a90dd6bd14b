-- Issue 9, point 8: people hold no more power than their role.

-- API tokens expire and have a scope. Tokens made before this change get 90 days from now, so that
-- scripts do not stop overnight, and keep the write scope they had.
alter table api_token add column expires_at timestamptz;
update api_token set expires_at = now() + interval '90 days';
alter table api_token alter column expires_at set not null;
alter table api_token add column scope text not null default 'WRITE' check (scope in ('READ', 'WRITE'));
alter table api_token alter column scope drop default;
create index api_token_staff on api_token (staff_id);

-- Login throttling, per submitted username (known or not, so that the throttle says nothing about
-- which accounts exist) and per client address. A block always runs out; nothing locks for good.
create table login_throttle (
    throttle_key     text primary key,
    failures         int not null,
    last_failure_at  timestamptz not null,
    blocked_until    timestamptz
);

-- The second factor (TOTP, RFC 6238). The shared key is written only once confirmed with a code;
-- last_step stops a code from being used twice.
create table staff_second_factor (
    staff_id      bigint primary key references staff (id) on delete cascade,
    secret        text not null,
    confirmed_at  timestamptz,
    last_step     bigint not null default 0
);

-- Recovery codes: shown once, stored as SHA-256 (each carries 60 random bits), usable once.
create table staff_recovery_code (
    id         bigserial primary key,
    staff_id   bigint not null references staff (id) on delete cascade,
    code_hash  text not null unique,
    used_at    timestamptz
);
create index staff_recovery_code_staff on staff_recovery_code (staff_id);

-- A role that reads child data is granted only when a second person approves.
create table role_grant_request (
    id            bigserial primary key,
    staff_id      bigint not null references staff (id) on delete cascade,
    unit_id       bigint not null references unit (id) on delete cascade,
    role          text not null,
    requested_by  bigint not null references staff (id) on delete cascade,
    requested_at  timestamptz not null default now(),
    decided_by    bigint references staff (id) on delete set null,
    decided_at    timestamptz,
    outcome       text check (outcome in ('APPROVED', 'REJECTED', 'WITHDRAWN', 'GRANTED')),
    check ((decided_at is null) = (outcome is null))
);
create unique index role_grant_request_open on role_grant_request (staff_id, unit_id, role) where decided_at is null;
