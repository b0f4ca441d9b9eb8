-- Work items: the 改革 / 政策 / 平台 / 项目 / 任务 lists of each document (worklists room).
CREATE TABLE work_document (
    id          bigserial PRIMARY KEY,
    file_name   text NOT NULL UNIQUE,
    sha256      text NOT NULL,
    year        int,
    city_code   text,            -- the city whose document it is (市建委 = that city's 建委); null: provincial
    imported_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE work_item (
    id               text PRIMARY KEY,       -- md5(source|table|group|part), 12 hex digits
    document_id      bigint NOT NULL REFERENCES work_document (id) ON DELETE CASCADE,
    kind             text NOT NULL CHECK (kind IN ('reform', 'policy', 'platform', 'project', 'task')),
    source           text NOT NULL,
    list_title       text NOT NULL,
    table_title      text NOT NULL,
    seq              text NOT NULL,
    group_seq        text NOT NULL,
    group_no         int  NOT NULL,
    part             int  NOT NULL,
    line_from        int  NOT NULL,
    line_to          int  NOT NULL,
    category         text NOT NULL,
    title            text NOT NULL,
    title_inherited  boolean NOT NULL,
    content          text NOT NULL,
    target           text NOT NULL,
    location_text    text NOT NULL,
    project_codes    text[] NOT NULL,
    deadline_text    text NOT NULL,
    deadline         date,
    units_text       text NOT NULL,
    lead_units       text[] NOT NULL,          -- full names (unit gazetteer), else as printed
    other_units      text[] NOT NULL,
    units_printed    text[] NOT NULL,          -- as printed, lead first
    province_lead    text,                     -- 省牵头单位 (seed 004)
    units_inherited  boolean NOT NULL,
    county_codes     text[] NOT NULL,
    city_codes       text[] NOT NULL,
    precision        text NOT NULL,
    placement_evidence jsonb NOT NULL,
    plan_areas       text[] NOT NULL,
    platform_area    text REFERENCES plan_area (id) ON DELETE SET NULL,
    cells            jsonb NOT NULL,
    raw_text         text NOT NULL,
    warnings         text[] NOT NULL,
    geom             geometry(Geometry, 4326)
);

CREATE TABLE work_rejected_row (
    id          bigserial PRIMARY KEY,
    document_id bigint NOT NULL REFERENCES work_document (id) ON DELETE CASCADE,
    table_title text NOT NULL,
    line_from   int  NOT NULL,
    raw_text    text NOT NULL,
    reason      text NOT NULL
);
