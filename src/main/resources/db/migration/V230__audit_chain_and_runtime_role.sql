-- The audit log becomes a hash chain, and the role the application runs as loses every right to change
-- it. Runs as the migration owner (spring.flyway.user); ${runtime_role} is the role the application
-- connects as (set by platform.DatabaseConfiguration from the application's own connection).

-- 1. The hash chain ------------------------------------------------------------------------------------
-- Each row carries the hash of the row before it and its own hash: sha256(prev_hash || canonical row).
-- Changing, removing or inserting a row in the middle breaks the chain at that row; audit.AuditChain
-- recomputes every link in Java and reports the first one that does not hold.
alter table audit_event add column prev_hash bytea, add column hash bytea;

-- The newest link. An insert takes this row's lock, so links are made one at a time in commit order.
-- The lock is held only by the audit entry's own short transaction (AuditLog writes in REQUIRES_NEW and
-- commits at once), and nothing else is locked after it, so it cannot take part in a deadlock.
create table audit_chain_head (
    singleton  boolean primary key default true check (singleton),
    last_id    bigint,
    last_hash  bytea not null
);

-- The canonical form a hash covers: every field length-prefixed ('N' for null), so two different rows
-- never share a form. audit.AuditChain builds the same bytes.
create function audit_event_link(previous bytea, entry audit_event) returns bytea
    language plpgsql stable as $$
declare
    canonical text := '';
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

-- Owned by the migration owner and run with its rights (security definer): the runtime role can neither
-- change the function, nor skip it, nor touch the chain head. The id and the time are set here, under the
-- lock, so that id order is chain order and no one can back-date an entry.
create function audit_event_chain() returns trigger
    language plpgsql security definer set search_path = ${flyway:defaultSchema}, pg_temp as $$
declare
    previous bytea;
begin
    select last_hash into strict previous from audit_chain_head for update;
    new.id := nextval('audit_event_id_seq');
    new.occurred_at := now();
    new.prev_hash := previous;
    new.hash := audit_event_link(previous, new);
    update audit_chain_head set last_id = new.id, last_hash = new.hash;
    return new;
end;
$$;

-- Chain the rows written so far, oldest first.
lock table audit_event in exclusive mode;
alter table audit_event disable trigger audit_event_no_update_or_delete;
do $$
declare
    previous bytea := decode(repeat('00', 32), 'hex');
    entry audit_event;
begin
    for entry in select * from audit_event order by id loop
        entry.prev_hash := previous;
        entry.hash := audit_event_link(previous, entry);
        update audit_event set prev_hash = entry.prev_hash, hash = entry.hash where id = entry.id;
        previous := entry.hash;
    end loop;
    insert into audit_chain_head (last_id, last_hash) values ((select max(id) from audit_event), previous);
end;
$$;
alter table audit_event enable trigger audit_event_no_update_or_delete;

alter table audit_event
    alter column prev_hash set not null,
    alter column hash set not null,
    -- the trigger takes the id under the chain lock; a default would take it earlier, out of order
    alter column id drop default;

create trigger audit_event_chain
    before insert on audit_event
    for each row execute function audit_event_chain();

-- 2. The runtime role ----------------------------------------------------------------------------------
-- Reads and writes the application's tables, including those of later migrations (default privileges),
-- but may only read and append to the audit log, only read Flyway's history, and owns nothing: it cannot
-- alter a table, disable a trigger or replace a function. When the application runs as the migration
-- owner itself (a single-role set-up), there is nothing to grant.
do $$
declare
    runtime text := '${runtime_role}';
    schema text := current_schema();
begin
    if runtime = current_user then
        raise notice 'The application runs as the migration owner %: the audit log is not protected from it', runtime;
        return;
    end if;
    execute format('grant usage on schema %I to %I', schema, runtime);
    execute format('grant select, insert, update, delete on all tables in schema %I to %I', schema, runtime);
    execute format('grant usage, select on all sequences in schema %I to %I', schema, runtime);
    execute format('alter default privileges in schema %I grant select, insert, update, delete on tables to %I', schema, runtime);
    execute format('alter default privileges in schema %I grant usage, select on sequences to %I', schema, runtime);

    execute format('revoke all on audit_event, audit_chain_head, %I from %I', '${flyway:table}', runtime);
    execute format('revoke all on sequence audit_event_id_seq from %I', runtime);
    execute format('grant select, insert on audit_event to %I', runtime);
    execute format('grant select on audit_chain_head, %I to %I', '${flyway:table}', runtime);
end;
$$;
