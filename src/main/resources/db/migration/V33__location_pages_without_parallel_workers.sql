-- A bbox page reads a few thousand rows of project_location through its GiST index. The planner
-- costs the ST_Intersects filter of lines so high that the ids of a page (read without building any
-- feature) got a parallel plan, and starting its worker took longer than the whole page.
ALTER TABLE project_location SET (parallel_workers = 0);
