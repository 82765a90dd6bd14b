-- seminar proposals linked to their evidence ------------------------------------
-- Each row points at one item of the round's analysis that supports a proposal: a code (theme) of the
-- codebook, an approved quote, or a question of the guide whose counts are shown as their sentence.
-- The ids are checked against the round when they are linked; the text is resolved when read, so a
-- renamed code or a new count shows as it is now.
create table seminar_proposal_evidence (
    proposal_id  bigint not null references seminar_proposal (id) on delete cascade,
    kind         text not null check (kind in ('CODE', 'QUOTE', 'COUNT')),
    ref_id       bigint not null,
    position     int not null,
    primary key (proposal_id, kind, ref_id)
);
