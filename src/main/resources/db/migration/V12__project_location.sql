-- A narrow copy of every placed project's geometry for bbox pages. A project row is ~1.4 KB (its
-- stored feature properties most of it), so finding the ~2,500 projects in a box read ~1,300 heap
-- blocks at 100k projects and ~4,700 at a million; the same rows here are ~70 bytes. Kept in step by
-- row triggers that fire only when a geometry appears, changes or goes, so every writer (import,
-- geocoder, manual placement, bulk COPY) is covered and unplaced rows cost nothing.
CREATE TABLE project_location (
    id   bigint PRIMARY KEY,
    geom geometry(Geometry, 4326) NOT NULL
);

INSERT INTO project_location (id, geom) SELECT id, geom FROM project WHERE geom IS NOT NULL ORDER BY id;
CREATE INDEX project_location_gix ON project_location USING gist (geom);

CREATE FUNCTION project_location_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' OR NEW.geom IS NULL THEN
        DELETE FROM project_location WHERE id = OLD.id;
    ELSE
        INSERT INTO project_location (id, geom) VALUES (NEW.id, NEW.geom)
        ON CONFLICT (id) DO UPDATE SET geom = excluded.geom;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER project_location_insert AFTER INSERT ON project
    FOR EACH ROW WHEN (NEW.geom IS NOT NULL) EXECUTE FUNCTION project_location_sync();
CREATE TRIGGER project_location_update AFTER UPDATE OF geom ON project
    FOR EACH ROW WHEN (OLD.geom IS DISTINCT FROM NEW.geom) EXECUTE FUNCTION project_location_sync();
CREATE TRIGGER project_location_delete AFTER DELETE ON project
    FOR EACH ROW WHEN (OLD.geom IS NOT NULL) EXECUTE FUNCTION project_location_sync();

CREATE FUNCTION project_location_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE project_location;
    RETURN NULL;
END
$$;
CREATE TRIGGER project_location_truncate AFTER TRUNCATE ON project
    FOR EACH STATEMENT EXECUTE FUNCTION project_location_truncate();
