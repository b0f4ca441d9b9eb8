-- The line registry (geodata/lines/): named railways, metro and tram lines, roads, bridges, tunnels,
-- waterways and pipelines, their ordered nodes, named sections and cited sources. Replaced as a whole
-- when its files change (lines/LineStore).
CREATE TABLE line (
    id           text PRIMARY KEY,
    kind         text NOT NULL,
    name         text NOT NULL,
    aliases      text[] NOT NULL DEFAULT '{}',
    source       jsonb NOT NULL,             -- title, publisher, date, url
    note         text,
    county_codes text[] NOT NULL DEFAULT '{}',  -- the counties of its nodes, in order along it
    geom         geometry(Geometry, 4326)    -- its course through its nodes, clipped to the province
);

CREATE TABLE line_node (
    line_id     text NOT NULL REFERENCES line (id) ON DELETE CASCADE,
    seq         int  NOT NULL,
    node        text NOT NULL,
    county_code text REFERENCES division (code),  -- NULL for a node outside the province
    outside     text,                             -- that province's name
    coordinate  geometry(Point, 4326),            -- where a public source puts it
    point       geometry(Point, 4326),            -- where the course passes: coordinate, else inside its county
    note        text,
    PRIMARY KEY (line_id, seq)
);

CREATE TABLE line_section (
    line_id   text NOT NULL REFERENCES line (id) ON DELETE CASCADE,
    section   text NOT NULL,
    ord       int  NOT NULL,              -- its place in sections.csv
    aliases   text[] NOT NULL DEFAULT '{}',
    from_node text NOT NULL,
    to_node   text NOT NULL,
    note      text,
    PRIMARY KEY (line_id, section)
);

-- The course between two consecutive nodes that have a point: the straight stroke, kept whole where the
-- line crosses water (a bridge or tunnel, or ends on different land pieces), else clipped to the land.
CREATE TABLE line_segment (
    line_id     text NOT NULL REFERENCES line (id) ON DELETE CASCADE,
    from_seq    int  NOT NULL,
    to_seq      int  NOT NULL,
    crosses_sea boolean NOT NULL,
    geom        geometry(Geometry, 4326),
    PRIMARY KEY (line_id, from_seq)
);
