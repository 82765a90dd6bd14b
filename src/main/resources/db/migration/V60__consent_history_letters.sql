-- Consent as a history of events instead of two overwritten columns, the number of guardians who
-- are to answer, the municipality's age from which a young person's own consent is enough, and the
-- dates the information letters were sent.

-- organization: the age of own consent is the municipality's choice (15 by default).
alter table municipality add column own_consent_age int not null default 15 check (own_consent_age between 12 and 18);

-- round -----------------------------------------------------------------------
-- Zero, one or two guardians answer for a child; two is the common case of joint custody.
alter table participant add column guardians int not null default 2 check (guardians between 0 and 2);

create table consent_event (
    id              bigserial primary key,
    participant_id  bigint not null references participant (id) on delete cascade,
    kind            text not null check (kind in ('INVITED', 'ANSWER', 'WITHDRAWAL')),
    party           text check (party in ('CHILD', 'GUARDIAN_1', 'GUARDIAN_2')),
    answer          text check (answer in ('YES', 'NO')),
    -- Why someone said no or withdrew, in their words: encrypted with the round's key.
    reason          bytea,
    recorded_by     text not null,
    -- clock_timestamp, not now(): several events of one transaction must keep their order.
    recorded_at     timestamptz not null default clock_timestamp(),
    check ((kind = 'ANSWER') = (answer is not null)),
    check (kind = 'INVITED' or party is not null)
);
create index consent_event_participant on consent_event (participant_id, recorded_at, id);

-- What the old columns said becomes the first events of each child's history.
insert into consent_event (participant_id, kind, recorded_by, recorded_at)
select id, 'INVITED', 'system', created_at from participant;

insert into consent_event (participant_id, kind, party, answer, recorded_by, recorded_at)
select id, 'ANSWER', 'CHILD', child_answer, 'system', coalesce(consent_updated_at, created_at)
from participant where child_answer is not null;

insert into consent_event (participant_id, kind, party, answer, recorded_by, recorded_at)
select p.id, 'ANSWER', g.party, case when p.guardian_answer = 'CONSENTED' then 'YES' else 'NO' end, 'system',
       coalesce(p.consent_updated_at, p.created_at)
from participant p cross join (values ('GUARDIAN_1'), ('GUARDIAN_2')) as g (party)
where p.guardian_answer in ('CONSENTED', 'DECLINED');

-- A young person who decided alone has no guardians to answer.
update participant set guardians = 0 where guardian_answer = 'NOT_NEEDED';

alter table participant drop column child_answer;
alter table participant drop column guardian_answer;
alter table participant drop column consent_updated_at;

create table letter_sent (
    participant_id  bigint not null references participant (id) on delete cascade,
    recipient       text not null check (recipient in ('CHILD', 'GUARDIANS')),
    sent_on         date not null,
    recorded_by     text not null,
    recorded_at     timestamptz not null default now(),
    primary key (participant_id, recipient)
);
