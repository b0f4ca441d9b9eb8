-- Sites and zones added by hand (geodata/gazetteer/sites.csv) keep the public source that places them.
ALTER TABLE division_alias ADD COLUMN source text;

-- Hangzhou's planning-unit (控规单元) codes start with their district's letters: GS0403 is a 拱墅 unit
-- (geodata/gazetteer/planning-units.csv).
CREATE TABLE planning_unit_prefix (
    prefix text PRIMARY KEY,
    code   text NOT NULL REFERENCES division (code),
    note   text,
    source text NOT NULL
);
