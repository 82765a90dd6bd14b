-- The audit log's hash chain is sealed after commit instead of at insert. Runs as the migration owner.
--
-- Until now every insert took the lock of the single row audit_chain_head in its BEFORE INSERT trigger, so
-- that links were made one at a time. An audit entry now belongs to the transaction whose work it records
-- (audit.AuditLog), and that lock would be held until the caller commits, queueing every audited
-- transaction, its commit included, behind the one before it. Instead an insert now takes no lock at all
-- and leaves the row unsealed (no place in the chain, no hash); audit_seal, called about once a second by
-- audit.AuditSealer and before every check, takes the head's lock for a moment and chains the committed
-- rows that are still unsealed, in a new order column chain_seq.

-- 1. The chain order ------------------------------------------------------------------------------------
alter table audit_event add column chain_seq bigint;

-- The rows chained so far keep their hashes and their order (id order, as V230 chained them).
lock table audit_event in exclusive mode;
alter table audit_event disable trigger audit_event_no_update_or_delete;
update audit_event e set chain_seq = o.seq
from (select id, row_number() over (order by id) as seq from audit_event) o
where e.id = o.id;
alter table audit_event enable trigger audit_event_no_update_or_delete;

create unique index audit_event_chain_order on audit_event (chain_seq);
-- what the sealer looks for: small, because rows leave it within a second
create index audit_event_unsealed on audit_event (id) where chain_seq is null;

alter table audit_event
    alter column prev_hash drop not null,
    alter column hash drop not null,
    -- a row is either unsealed (all three null) or sealed (all three set)
    add constraint audit_event_sealed_whole check (
        (chain_seq is null and prev_hash is null and hash is null)
        or (chain_seq is not null and prev_hash is not null and hash is not null));

-- legacy_seq: the rows up to here were hashed by V230's form, which has no chain_seq (audit.AuditChain
-- checks each row with the form it was sealed with).
alter table audit_chain_head
    add column last_seq bigint not null default 0,
    add column legacy_seq bigint not null default 0;
update audit_chain_head set last_seq = (select count(*) from audit_event),
                            legacy_seq = (select count(*) from audit_event);

-- 2. The link of a sealed row ---------------------------------------------------------------------------
-- sha256(prev_hash || canonical form), where the form is V230's with the row's place in the chain first:
-- moving a row to another place changes its hash.
create function audit_event_sealed_link(previous bytea, entry audit_event) returns bytea
    language plpgsql stable as $$
declare
    canonical text := 'S' || length(entry.chain_seq::text) || ':' || entry.chain_seq::text;
    field text;
begin
    foreach field in array array[entry.id::text,
                                 ((extract(epoch from entry.occurred_at) * 1000000)::bigint)::text,
                                 entry.actor, entry.action, entry.record_type, entry.record_id,
                                 entry.unit_id::text, entry.outcome, entry.detail] loop
        canonical := canonical || case when field is null then 'N' else 'S' || length(field) || ':' || field end;
    end loop;
    return sha256(previous || convert_to(canonical, 'UTF8'));
end;
$$;

-- 3. Inserts take no lock ---------------------------------------------------------------------------------
-- Still the migration owner's and run with its rights: the id and the time are set here, so nobody can
-- back-date an entry or choose its id, and whatever chain columns the writer sent are thrown away.
create or replace function audit_event_chain() returns trigger
    language plpgsql security definer set search_path = ${flyway:defaultSchema}, pg_temp as $$
begin
    new.id := nextval('audit_event_id_seq');
    new.occurred_at := now();
    new.chain_seq := null;
    new.prev_hash := null;
    new.hash := null;
    return new;
end;
$$;

-- 4. Sealing ------------------------------------------------------------------------------------------------
-- The one change the log allows: an unsealed row gets its place, the previous hash and its hash, once.
-- Everything else is still refused, and the runtime role has no UPDATE right at all; it reaches this only
-- through audit_seal below, which computes every value itself.
create or replace function audit_event_is_append_only() returns trigger language plpgsql as $$
begin
    -- nested, not one condition: a statement trigger (truncate) has no old row to look at
    if tg_op = 'UPDATE' then
        if old.chain_seq is null and old.prev_hash is null and old.hash is null
           and new.chain_seq is not null and new.prev_hash is not null
           and new.hash = audit_event_sealed_link(new.prev_hash, new)
           and (new.id, new.occurred_at, new.actor, new.action, new.record_type, new.record_id, new.unit_id,
                new.outcome, new.detail)
               is not distinct from
               (old.id, old.occurred_at, old.actor, old.action, old.record_type, old.record_id, old.unit_id,
                old.outcome, old.detail) then
            return new;
        end if;
    end if;
    raise exception 'audit_event is append-only: % is not allowed', tg_op;
end;
$$;

-- Chains up to max_rows committed rows that are still unsealed (and the caller's own), oldest id first,
-- after the newest link; returns how many. Takes the head's lock only for its own short transaction when
-- called on its own (as audit.AuditSealer does); concurrent callers wait for each other on that row, and
-- each sees what the one before sealed. Takes no argument that reaches a row: it cannot rewrite one.
create function audit_seal(max_rows integer) returns integer
    language plpgsql security definer set search_path = ${flyway:defaultSchema}, pg_temp as $$
declare
    head audit_chain_head;
    entry audit_event;
    sealed integer := 0;
begin
    if max_rows is null or max_rows < 1 or max_rows > 100000 then
        raise exception 'audit_seal: max_rows must be between 1 and 100000, not %', max_rows;
    end if;
    select * into strict head from audit_chain_head for update;
    for entry in select * from audit_event where chain_seq is null order by id limit max_rows loop
        entry.chain_seq := head.last_seq + 1;
        entry.prev_hash := head.last_hash;
        entry.hash := audit_event_sealed_link(entry.prev_hash, entry);
        update audit_event set chain_seq = entry.chain_seq, prev_hash = entry.prev_hash, hash = entry.hash
        where id = entry.id;
        head.last_seq := entry.chain_seq;
        head.last_hash := entry.hash;
        head.last_id := entry.id;
        sealed := sealed + 1;
    end loop;
    if sealed > 0 then
        update audit_chain_head set last_seq = head.last_seq, last_hash = head.last_hash, last_id = head.last_id;
    end if;
    return sealed;
end;
$$;

revoke all on function audit_seal(integer) from public;

-- 5. The runtime role may seal, nothing more ----------------------------------------------------------------
do $$
declare
    runtime text := '${runtime_role}';
begin
    if runtime = current_user then
        return;
    end if;
    execute format('grant execute on function audit_seal(integer) to %I', runtime);
end;
$$;
