-- Issue 11: an administrator can reset a password. The temporary password works once: until the
-- person has chosen their own, every page sends them to the change-password page.
alter table staff add column must_change_password boolean not null default false;
