-- A report placed by choosing a kelurahan and an address (no coordinates) sits at
-- the kelurahan's inside point; it is flagged so it joins no pocket and can be
-- corrected later.
ALTER TABLE reports ADD COLUMN approx_location BOOLEAN DEFAULT FALSE;
UPDATE reports SET approx_location = FALSE WHERE approx_location IS NULL;
