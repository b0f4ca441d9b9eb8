-- The unit gazetteer (geodata/units/units.csv) and the indexes the work-item filters use.
CREATE TABLE work_unit (
    name      text PRIMARY KEY,
    aliases   text[] NOT NULL DEFAULT '{}',
    level     text NOT NULL CHECK (level IN ('province', 'city', 'county')),
    city_code text
);

CREATE INDEX work_item_lead_units ON work_item USING gin (lead_units);
CREATE INDEX work_item_other_units ON work_item USING gin (other_units);
CREATE INDEX work_item_counties ON work_item USING gin (county_codes);
CREATE INDEX work_item_cities ON work_item USING gin (city_codes);
CREATE INDEX work_item_areas ON work_item USING gin (plan_areas);
CREATE INDEX work_item_deadline ON work_item (deadline);
CREATE INDEX work_item_kind ON work_item (kind);
CREATE INDEX work_item_geom ON work_item USING gist (geom);
