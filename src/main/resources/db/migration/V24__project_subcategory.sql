-- The sub-section a project is listed under (（一）轨道交通 under 一、交通基础设施): the second level of its category.
ALTER TABLE project ADD COLUMN subcategory text;
