-- Core schema of Project Atlas. Applied migrations are never edited: add V2, V3...
CREATE EXTENSION IF NOT EXISTS postgis;

-- ---------------------------------------------------------------- gazetteer
-- One row per division code, current or retired (valid_to set).
CREATE TABLE division (
    code          text PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
    name          text NOT NULL,
    short_name    text,
    level         text NOT NULL CHECK (level IN ('province', 'city', 'county')),
    parent_code   text,
    valid_from    int,
    valid_to      int,            -- null: current
    note          text,
    geom          geometry(MultiPolygon, 4326),
    geom_simple   geometry(MultiPolygon, 4326),  -- for small scales (zoom <= 8)
    rep_point     geometry(Point, 4326),         -- ST_PointOnSurface(geom)
    boundary_source  text,
    boundary_vintage text
);
CREATE INDEX division_geom_gix ON division USING gist (geom);
CREATE INDEX division_geom_simple_gix ON division USING gist (geom_simple);
CREATE INDEX division_rep_point_gix ON division USING gist (rep_point);
CREATE INDEX division_parent_idx ON division (parent_code);

-- Every way a name is written; an alias with several codes is ambiguous.
CREATE TABLE division_alias (
    alias  text NOT NULL,
    code   text NOT NULL REFERENCES division (code),
    kind   text NOT NULL,   -- full, short, old, town, street, zone, other
    note   text,
    PRIMARY KEY (alias, code)
);
CREATE INDEX division_alias_alias_idx ON division_alias (alias);

-- A code issued before before_year may mean any of these current codes.
CREATE TABLE division_code_history (
    old_code     text NOT NULL,
    before_year  int  NOT NULL,
    current_code text NOT NULL REFERENCES division (code),
    kind         text NOT NULL,
    note         text,
    PRIMARY KEY (old_code, current_code)
);

-- Functional-zone codes seen in 项目代码 that are not GB/T 2260 divisions.
CREATE TABLE functional_zone (
    code         text PRIMARY KEY,
    name         text NOT NULL,
    county_codes text[] NOT NULL,
    reasoning    text NOT NULL
);

-- ---------------------------------------------------------------- plan areas
CREATE TABLE plan_area (
    id          text PRIMARY KEY,
    kind        text NOT NULL,
    name        text NOT NULL,
    parent_id   text,
    members     text[] NOT NULL DEFAULT '{}',
    anchors     jsonb  NOT NULL DEFAULT '[]',
    width_km    numeric,
    approximate boolean NOT NULL DEFAULT false,
    keywords    text[] NOT NULL DEFAULT '{}',
    source      jsonb,
    assumption  text,
    geom        geometry(Geometry, 4326),   -- polygon (areas) or corridor buffer
    geom_simple geometry(Geometry, 4326),
    line        geometry(LineString, 4326), -- corridors: the line through the anchors
    clipped     boolean NOT NULL DEFAULT false
);
CREATE INDEX plan_area_geom_gix ON plan_area USING gist (geom);
CREATE INDEX plan_area_geom_simple_gix ON plan_area USING gist (geom_simple);
CREATE INDEX plan_area_line_gix ON plan_area USING gist (line);

-- ---------------------------------------------------------------- documents and projects
CREATE TABLE source_document (
    id          bigserial PRIMARY KEY,
    file_name   text NOT NULL,
    sha256      text NOT NULL UNIQUE,
    imported_at timestamptz NOT NULL DEFAULT now(),
    report      jsonb NOT NULL DEFAULT '{}'
);

CREATE TABLE project (
    id                 bigserial PRIMARY KEY,
    project_key        text NOT NULL UNIQUE,  -- stable identity across re-imports
    document_id        bigint NOT NULL REFERENCES source_document (id),
    list_title         text NOT NULL,
    table_title        text NOT NULL,
    seq                text NOT NULL,
    line_from          int,
    line_to            int,
    name               text NOT NULL,
    category           text,
    project_codes      text[] NOT NULL DEFAULT '{}',
    nature             text,
    location_text      text,
    start_year         int,
    end_year           int,
    total_investment   numeric(16, 4),
    planned_investment numeric(16, 4),
    progress           text,
    responsible_units  text[] NOT NULL DEFAULT '{}',
    content            text,
    raw                jsonb NOT NULL,
    warnings           jsonb NOT NULL DEFAULT '[]',
    content_hash       text NOT NULL,
    precision          text,       -- site, county, counties, route, city, province, unknown
    geom               geometry(Geometry, 4326),
    geocoded_at        timestamptz
);
CREATE INDEX project_geom_gix ON project USING gist (geom);
CREATE INDEX project_document_idx ON project (document_id);
CREATE INDEX project_category_idx ON project (category);

-- Rows that could not be parsed: kept with their reason, never dropped.
CREATE TABLE rejected_row (
    id          bigserial PRIMARY KEY,
    document_id bigint NOT NULL REFERENCES source_document (id) ON DELETE CASCADE,
    table_title text,
    seq         text,
    line_from   int,
    line_to     int,
    raw_text    text NOT NULL,
    reason      text NOT NULL
);

-- project -> county placements with their evidence.
CREATE TABLE placement (
    project_id    bigint NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    division_code text NOT NULL REFERENCES division (code),
    method        text NOT NULL,   -- code, location, name, unit, route, manual
    precision     text NOT NULL,
    evidence      text NOT NULL,
    ordinal       int  NOT NULL DEFAULT 0,
    PRIMARY KEY (project_id, division_code)
);
CREATE INDEX placement_division_idx ON placement (division_code);

CREATE TABLE project_plan_area (
    project_id bigint NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    area_id    text   NOT NULL REFERENCES plan_area (id) ON DELETE CASCADE,
    method     text   NOT NULL,    -- mention, space
    evidence   text   NOT NULL,
    PRIMARY KEY (project_id, area_id)
);
CREATE INDEX project_plan_area_area_idx ON project_plan_area (area_id);

-- Manual placements survive re-import and re-geocoding: keyed by project_key.
CREATE TABLE manual_placement (
    project_key  text PRIMARY KEY,
    county_codes text[] NOT NULL,
    comment      text,
    set_by       text NOT NULL,
    set_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE review_item (
    id          bigserial PRIMARY KEY,
    project_key text,
    kind        text NOT NULL,   -- unplaced, ambiguous, city-only, disagreement, user-report
    reason      text NOT NULL,
    comment     text,
    client      text,
    status      text NOT NULL DEFAULT 'open',
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX review_item_project_idx ON review_item (project_key);

CREATE TABLE audit_log (
    id      bigserial PRIMARY KEY,
    at      timestamptz NOT NULL DEFAULT now(),
    actor   text NOT NULL,
    action  text NOT NULL,
    target  text,
    before  jsonb,
    after   jsonb
);

-- Which version (content hash) of each bundled dataset is loaded, so a restart reloads only what changed.
CREATE TABLE dataset_version (
    name      text PRIMARY KEY,
    sha256    text NOT NULL,
    loaded_at timestamptz NOT NULL DEFAULT now()
);
