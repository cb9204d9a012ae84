-- 005: two dates on every bulletin. The report date D ("as of", "на D") and the losses
-- day D-1, the day whose losses its increases count ("Втрати ворога за D-1"): sources
-- that key a bulletin by either can be compared. Stored on each revision (what its
-- document said) and carried by the views, hence by every export. Also the qualifier
-- 'up_to' ("до 540", February 2022) beside 'about' and 'more'.
ALTER TABLE bulletins ADD COLUMN losses_date DATE;
UPDATE bulletins SET losses_date = report_date - 1;

DROP VIEW source_disagreements;
DROP VIEW daily_losses;
DROP VIEW daily_losses_long;
DROP VIEW latest_observations;

CREATE VIEW latest_observations AS
SELECT o.*, b.losses_date
FROM observations o
JOIN bulletins b USING (source, report_date, revision)
WHERE b.is_latest;

-- One row per (date, category): the latest revision of the most preferred source.
CREATE VIEW daily_losses_long AS
SELECT o.report_date, o.losses_date, o.category, o.total, o.reported_delta AS delta,
       o.qualifier, o.approximate, o.source, o.revision, o.document_id
FROM latest_observations o
LEFT JOIN source_preference p USING (source)
QUALIFY row_number() OVER (
    PARTITION BY o.report_date, o.category
    ORDER BY coalesce(p.rank, 2147483647), o.source) = 1;

-- One row per date, one column per category (canonical order; a new category
-- needs a migration, tests/warehouse/test_schema.py holds this to the vocabulary).
CREATE VIEW daily_losses AS
SELECT report_date,
    min(losses_date) AS losses_date,
    date_diff('day', DATE '2022-02-24', report_date) + 1 AS day,
    max(total) FILTER (WHERE category = 'personnel') AS personnel,
    max(qualifier) FILTER (WHERE category = 'personnel') AS personnel_qualifier,
    max(total) FILTER (WHERE category = 'tanks') AS tanks,
    max(total) FILTER (WHERE category = 'armoured_combat_vehicles') AS armoured_combat_vehicles,
    max(total) FILTER (WHERE category = 'artillery_systems') AS artillery_systems,
    max(total) FILTER (WHERE category = 'mlrs') AS mlrs,
    max(total) FILTER (WHERE category = 'air_defense_systems') AS air_defense_systems,
    max(total) FILTER (WHERE category = 'aircraft') AS aircraft,
    max(total) FILTER (WHERE category = 'helicopters') AS helicopters,
    max(total) FILTER (WHERE category = 'uav') AS uav,
    max(total) FILTER (WHERE category = 'cruise_missiles') AS cruise_missiles,
    max(total) FILTER (WHERE category = 'warships_boats') AS warships_boats,
    max(total) FILTER (WHERE category = 'submarines') AS submarines,
    max(total) FILTER (WHERE category = 'vehicles_fuel_tanks') AS vehicles_fuel_tanks,
    max(total) FILTER (WHERE category = 'special_equipment') AS special_equipment,
    max(total) FILTER (WHERE category = 'military_auto') AS military_auto,
    max(total) FILTER (WHERE category = 'fuel_tanks') AS fuel_tanks,
    max(total) FILTER (WHERE category = 'mobile_srbm_systems') AS mobile_srbm_systems,
    max(total) FILTER (WHERE category = 'ground_robotic_systems') AS ground_robotic_systems
FROM daily_losses_long
GROUP BY report_date;

-- Same date and category, different totals in two sources (latest revisions).
CREATE VIEW source_disagreements AS
SELECT a.report_date, a.losses_date, a.category,
       a.source AS source_a, a.total AS total_a,
       b.source AS source_b, b.total AS total_b,
       b.total - a.total AS difference
FROM latest_observations a
JOIN latest_observations b
  ON a.report_date = b.report_date AND a.category = b.category
 AND a.source < b.source AND a.total <> b.total;
