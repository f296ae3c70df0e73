-- A school on several sites names the campus of each building (校区: 本部, 东校区), so that
-- two campuses may each have a 教学楼. Declared in surveys/schema.py (BUILDING_COLUMNS).
ALTER TABLE buildings ADD COLUMN campus VARCHAR;
