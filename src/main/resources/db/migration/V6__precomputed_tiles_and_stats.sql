-- Precomputed answers for the unfiltered requests that are too slow to build per request at a
-- million projects: project vector tiles up to the aggregation zoom and /api/stats per grouping.
-- They are built from one snapshot and carry the input version they were built at; a reader uses
-- them only while that version is still current, otherwise it builds the answer live.

-- Moves on every write to the tables the precomputed answers read. Not data_version_seq: a public
-- '位置有误' report (review_item) moves that one and must not throw the precomputed answers away.
CREATE SEQUENCE serving_input_seq;

CREATE FUNCTION bump_serving_input() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM nextval('serving_input_seq');
    RETURN NULL;
END $$;

CREATE TRIGGER project_serving_input AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON project
    FOR EACH STATEMENT EXECUTE FUNCTION bump_serving_input();
CREATE TRIGGER placement_serving_input AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON placement
    FOR EACH STATEMENT EXECUTE FUNCTION bump_serving_input();
CREATE TRIGGER project_plan_area_serving_input AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON project_plan_area
    FOR EACH STATEMENT EXECUTE FUNCTION bump_serving_input();
CREATE TRIGGER division_serving_input AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON division
    FOR EACH STATEMENT EXECUTE FUNCTION bump_serving_input();
CREATE TRIGGER plan_area_serving_input AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON plan_area
    FOR EACH STATEMENT EXECUTE FUNCTION bump_serving_input();
CREATE TRIGGER source_document_serving_input AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON source_document
    FOR EACH STATEMENT EXECUTE FUNCTION bump_serving_input();

-- The input version each precomputed set was built at ('tiles', 'stats').
CREATE TABLE serving_state (
    name     text PRIMARY KEY,
    version  text NOT NULL,          -- serving_input_seq as last_value.is_called
    built_at timestamptz NOT NULL DEFAULT now(),
    millis   bigint NOT NULL
);

-- One feature of a project tile: the live and the precomputed tiles encode the same row type.
CREATE TYPE project_tile_feature AS (
    geom             geometry,
    id               text,
    name             text,
    category         text,
    count            bigint,
    total_investment float8
);

-- Unfiltered project tiles z <= 10 (atlas.layers.Tiles.CLUSTER_MAX_ZOOM); a tile without a row is empty.
CREATE TABLE serving_tile (
    z   int NOT NULL,
    x   int NOT NULL,
    y   int NOT NULL,
    mvt bytea NOT NULL,
    PRIMARY KEY (z, x, y)
);

-- Unfiltered /api/stats answers: the totals per grouping, and its groups in the served order.
CREATE TABLE serving_stats (
    groupby          text PRIMARY KEY,
    count            bigint NOT NULL,
    total_investment numeric
);
CREATE TABLE serving_stats_group (
    groupby          text NOT NULL REFERENCES serving_stats (groupby) ON DELETE CASCADE,
    ordinal          int NOT NULL,
    key              text,
    name             text,
    count            bigint NOT NULL,
    total_investment numeric,
    PRIMARY KEY (groupby, ordinal)
);
