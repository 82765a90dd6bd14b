-- The child's language (for letters and child-facing wording) and type of contact (for the spread of
-- the selection), and two more question types: multiple choice and a five-step smiley scale.
alter table participant add column language text not null default 'sv' check (language ~ '^[a-z]{2,3}$');
alter table participant add column contact_type text check (contact_type in ('INVESTIGATION', 'INTERVENTION', 'PLACEMENT'));

alter table guide_question drop constraint guide_question_type_check;
alter table guide_question add constraint guide_question_type_check
    check (type in ('YES_NO_DONT_KNOW', 'SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'SMILEY', 'NUMBER', 'FREE_TEXT'));
