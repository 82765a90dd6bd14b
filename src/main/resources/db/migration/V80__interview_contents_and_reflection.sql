-- interview: what the issue adds to an interview besides the answers. The duration and the child's
-- smiley about being interviewed are plain (they can be counted); the child's words about it, the
-- transcript and the three reflection answers are free text, encrypted with the round's key.
alter table interview
    add column duration_minutes       int check (duration_minutes between 1 and 600),
    add column child_experience       text check (child_experience in ('1', '2', '3', '4', '5')),
    add column child_experience_words bytea,
    add column transcript             bytea,
    add column reflection_learnt      bytea,
    add column reflection_surprised   bytea,
    add column reflection_change      bytea;
