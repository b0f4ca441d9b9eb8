-- A counter that moves whenever served data may have changed; ETags are built from it, so
-- reading it must be cheap (one sequence read) and every writer must move it (statement triggers).
CREATE SEQUENCE data_version_seq;

CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM nextval('data_version_seq');
    RETURN NULL;
END $$;

CREATE TRIGGER project_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON project
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER placement_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON placement
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER project_plan_area_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON project_plan_area
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER division_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON division
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER plan_area_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON plan_area
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER review_item_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON review_item
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
CREATE TRIGGER source_document_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON source_document
    FOR EACH STATEMENT EXECUTE FUNCTION bump_data_version();
