-- One project across lists and years (identity/). A link joins two list entries (project rows) by
-- their stable project_key, the earlier entry (by list year, then import order) first, so links survive re-import and re-geocoding.
--   relation: same (one project), part (entry_b is a section or phase of entry_a, or the reverse:
--             'part_of' says which), related (next phase, sibling section)
--   status:   linked (taken), review (grey zone: waits for an admin), confirmed / rejected (an admin)
CREATE TABLE project_link (
    entry_a   text NOT NULL,
    entry_b   text NOT NULL,
    relation  text NOT NULL CHECK (relation IN ('same', 'part', 'related')),
    part_of   text,              -- for 'part': the key of the whole
    score     numeric(4, 3) NOT NULL,
    evidence  text NOT NULL,     -- in Chinese, for the popup and the review queue
    method    text NOT NULL CHECK (method IN ('code', 'score', 'manual')),
    status    text NOT NULL CHECK (status IN ('linked', 'review', 'confirmed', 'rejected')),
    PRIMARY KEY (entry_a, entry_b)
);
CREATE INDEX project_link_b_idx ON project_link (entry_b);

-- An entry's own placements, kept when it takes its partner's placement through a link: what the
-- linker reads as the entry's place, so linking again gives the same answer.
CREATE TABLE entry_own_place (
    project_id    bigint NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    division_code text NOT NULL,
    method        text NOT NULL,
    PRIMARY KEY (project_id, division_code)
);

-- An administrator's word on a pair: kept by project_key (never deleted by an import) and applied
-- on every linking run; relation 'none' rejects the pair.
CREATE TABLE manual_link (
    entry_a   text NOT NULL,
    entry_b   text NOT NULL,
    relation  text NOT NULL CHECK (relation IN ('same', 'part', 'related', 'none')),
    part_of   text,
    comment   text,
    set_by    text NOT NULL,
    set_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (entry_a, entry_b),
    CHECK (entry_a < entry_b)
);
