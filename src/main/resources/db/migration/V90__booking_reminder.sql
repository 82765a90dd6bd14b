-- round: when the assigned interviewer was reminded of the booking by e-mail. Setting it is how one
-- node claims the reminder (update ... where reminded_at is null), so with several nodes each
-- booking is reminded exactly once. A new time clears it, so the new time is reminded too.
alter table booking add column reminded_at timestamptz;
create index booking_due_reminder on booking (starts_at) where reminded_at is null;
