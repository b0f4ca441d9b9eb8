-- Which registry line (and which stretch of it, by node seq) a project follows: its geometry is that
-- stretch's course. Written by the geocoder beside the project's placements.
CREATE TABLE project_line (
    project_id bigint NOT NULL REFERENCES project (id) ON DELETE CASCADE,
    line_id    text   NOT NULL REFERENCES line (id) ON DELETE CASCADE,
    from_seq   int    NOT NULL,
    to_seq     int    NOT NULL,
    PRIMARY KEY (project_id, line_id, from_seq)   -- a project may follow two stretches of one line
);
CREATE INDEX project_line_line_idx ON project_line (line_id);
