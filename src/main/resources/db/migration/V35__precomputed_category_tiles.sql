-- Project tiles of one category, z <= 10 (atlas.layers.TileSql.CLUSTER_MAX_ZOOM), built with the
-- unfiltered ones (serving_tile) from the same snapshot and current with them (serving_state 'tiles').
-- A category is the map's most common filter (the select list, the legend); at a million projects
-- such a small-scale tile took seconds to build live. A tile without a row is empty.
CREATE TABLE serving_category_tile (
    category text NOT NULL,
    z        int NOT NULL,
    x        int NOT NULL,
    y        int NOT NULL,
    mvt      bytea NOT NULL,
    PRIMARY KEY (category, z, x, y)
);

-- The tiles set built before this table existed has no category tiles: build it again.
DELETE FROM serving_state WHERE name = 'tiles';
