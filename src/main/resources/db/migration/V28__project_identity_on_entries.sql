-- Each linked entry's project: the fid of the project's first entry (entries joined by 'same' links
-- share it; NULL: a project of one entry). Only the latest entry of a project is counted in totals;
-- the others keep counted = false.
ALTER TABLE project ADD COLUMN identity text;
ALTER TABLE project ADD COLUMN counted boolean NOT NULL DEFAULT true;
-- True when the entry has a link (its served properties then carry the project's entries).
ALTER TABLE project ADD COLUMN linked boolean NOT NULL DEFAULT false;
CREATE INDEX project_identity_idx ON project (identity);
CREATE INDEX project_linked_idx ON project (id) WHERE linked;

-- The area layers state both figures: projects (default) and list entries.
ALTER TABLE serving_area_figure ADD COLUMN entry_count bigint;
DELETE FROM serving_state WHERE name = 'stats';

-- Pages found through project_location leave out the entries a later entry counts for, as project does.
ALTER TABLE project_location ADD COLUMN counted boolean NOT NULL DEFAULT true;

CREATE OR REPLACE FUNCTION project_location_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR NEW.geom IS NULL THEN
        DELETE FROM project_location WHERE id = OLD.id;
    ELSE
        INSERT INTO project_location (id, geom, point, category, total_investment, counted)
        VALUES (NEW.id, NEW.geom, GeometryType(NEW.geom) = 'POINT', NEW.category, NEW.total_investment, NEW.counted)
        ON CONFLICT (id) DO UPDATE SET geom = excluded.geom, point = excluded.point,
            category = excluded.category, total_investment = excluded.total_investment, counted = excluded.counted;
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER project_location_update ON project;
CREATE TRIGGER project_location_update AFTER UPDATE OF geom, category, total_investment, counted ON project
    FOR EACH ROW WHEN (OLD.geom IS DISTINCT FROM NEW.geom OR (NEW.geom IS NOT NULL
        AND (OLD.category IS DISTINCT FROM NEW.category OR OLD.total_investment IS DISTINCT FROM NEW.total_investment
             OR OLD.counted IS DISTINCT FROM NEW.counted)))
    EXECUTE FUNCTION project_location_sync();
DELETE FROM serving_state WHERE name = 'tiles';
