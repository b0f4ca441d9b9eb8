-- The plan-area layers' project figures (count, investment, by category and by nature), built with
-- the statistics set ('stats' in serving_state) and served while it is current: computed per request
-- they took 1.5 s of a 100k-project database for the 四大建设 layer alone. An area without projects
-- has no row.
CREATE TABLE serving_area_figure (
    area_id          text PRIMARY KEY,
    project_count    bigint NOT NULL,
    total_investment numeric,
    by_category      json NOT NULL,
    by_nature        json NOT NULL
);
-- A statistics set built before this table has no figures: build it again.
DELETE FROM serving_state WHERE name = 'stats';
