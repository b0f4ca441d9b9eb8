-- Where a division went to several current counties, the one that took most of it (seat and most
-- streets). An old name with no other clue in the row is placed there, with a review item.
ALTER TABLE division_code_history ADD COLUMN is_main boolean NOT NULL DEFAULT false;
