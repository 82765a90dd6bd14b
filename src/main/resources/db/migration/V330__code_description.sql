-- A code can carry a description: what the code means and when to use it, so that several coders
-- apply it the same way. Written by staff about the method, never about a child; the application
-- refuses identity numbers in it like in every free text.
alter table code add column description text;

alter table code_event drop constraint code_event_kind_check;
alter table code_event add constraint code_event_kind_check
    check (kind in ('CREATED', 'RENAMED', 'MERGED', 'RETIRED', 'COPIED', 'DESCRIBED'));
