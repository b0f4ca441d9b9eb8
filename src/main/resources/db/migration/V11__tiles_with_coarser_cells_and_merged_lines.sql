-- Project tiles changed shape in code (atlas.layers.Tiles): cells of 32 units instead of 16, and up to
-- z8 the line projects of one category in a tile are one feature. Tiles precomputed by the old code
-- would still look current (their input version has not moved): drop them, so the next refresh builds
-- the new ones and requests are answered live until then.
DELETE FROM serving_tile;
DELETE FROM serving_state WHERE name = 'tiles';
