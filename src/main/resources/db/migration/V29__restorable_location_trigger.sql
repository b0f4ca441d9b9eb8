-- pg_restore runs with an empty search_path, where `geometry IS DISTINCT FROM geometry` finds no
-- single '=' operator and the restore of the trigger fails. Comparing the geometries' binary forms
-- means the same (a changed geometry has other bytes) and resolves in any search_path.
DROP TRIGGER project_location_update ON project;
CREATE TRIGGER project_location_update AFTER UPDATE OF geom, category, total_investment, counted ON project
    FOR EACH ROW WHEN (OLD.geom::bytea IS DISTINCT FROM NEW.geom::bytea OR (NEW.geom IS NOT NULL
        AND (OLD.category IS DISTINCT FROM NEW.category OR OLD.total_investment IS DISTINCT FROM NEW.total_investment
             OR OLD.counted IS DISTINCT FROM NEW.counted)))
    EXECUTE FUNCTION project_location_sync();
