-- The neighbouring and main host countries of the 2022 displacement from Ukraine (ISO 3166-1).
INSERT INTO host_countries (code, alpha3, name) VALUES
  ('PL', 'POL', 'Poland'),
  ('RO', 'ROU', 'Romania'),
  ('HU', 'HUN', 'Hungary'),
  ('SK', 'SVK', 'Slovakia'),
  ('MD', 'MDA', 'Moldova'),
  ('CZ', 'CZE', 'Czechia'),
  ('DE', 'DEU', 'Germany'),
  ('BG', 'BGR', 'Bulgaria'),
  ('LT', 'LTU', 'Lithuania')
ON CONFLICT (code) DO NOTHING;
