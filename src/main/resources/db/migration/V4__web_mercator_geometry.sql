-- Vector tiles are cut in Web Mercator: keep the projected copy beside the lon/lat geometry, so a
-- tile query neither transforms every point nor misses the spatial index.
ALTER TABLE project ADD COLUMN geom_3857 geometry(Geometry, 3857)
    GENERATED ALWAYS AS (ST_Transform(geom, 3857)) STORED;
CREATE INDEX project_geom_3857_gix ON project USING gist (geom_3857);
