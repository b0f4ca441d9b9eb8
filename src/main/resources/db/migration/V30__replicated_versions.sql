-- The data version (ETags, response caches) and the version of the precomputed sets' inputs, as
-- counter rows instead of sequences. A standby reads a sequence ahead of the primary and moving only
-- every few dozen writes (sequences are WAL-logged in batches): a server on a replica kept stale
-- cached answers and ETags after a change, and never found the precomputed sets current. A row
-- replicates exactly, and read in a snapshot it matches the data of that snapshot.
CREATE TABLE version_counter (
    name    text PRIMARY KEY,   -- 'data': every served table; 'serving_input': the precomputed sets' inputs
    version bigint NOT NULL
);
INSERT INTO version_counter (name, version) VALUES ('data', 1), ('serving_input', 1);

CREATE OR REPLACE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE version_counter SET version = version + 1 WHERE name = 'data';
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION bump_serving_input() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE version_counter SET version = version + 1 WHERE name = 'serving_input';
    RETURN NULL;
END $$;

DROP SEQUENCE data_version_seq;
DROP SEQUENCE serving_input_seq;
-- Built at the sequence's versions: rebuilt at the first check.
DELETE FROM serving_state;
