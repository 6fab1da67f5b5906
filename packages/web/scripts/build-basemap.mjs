// Writes the offline basemap: Natural Earth 1:50m country outlines (public domain, via the npm
// package world-atlas) around Ukraine, as GeoJSON. No tile server is reachable in the field, so
// the app ships these outlines itself. Run after upgrading world-atlas:
//   node packages/web/scripts/build-basemap.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { stdout } from 'node:process';
import { URL, fileURLToPath } from 'node:url';
import { feature } from 'topojson-client';

const require = createRequire(import.meta.url);
const topology = JSON.parse(
  readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8'),
);
const OUTPUT = fileURLToPath(
  new URL('../public/basemap/countries-50m-ukraine.geojson', import.meta.url),
);

// West, south, east, north: Ukraine, its neighbours and the countries people travelled on to.
const REGION = [-12, 34, 56, 72];
// Two decimals is about a kilometre: finer than the 1:50m source itself.
const round = (value) => Math.round(value * 100) / 100;

const boundsOf = (ring) => {
  const xs = ring.map(([x]) => x);
  const ys = ring.map(([, y]) => y);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
};
const isInRegion = ([west, south, east, north]) =>
  east >= REGION[0] && west <= REGION[2] && north >= REGION[1] && south <= REGION[3];

/** The polygon's rings rounded, with repeated points left out; rings of under 4 points dropped. */
const roundedPolygon = (rings) =>
  rings
    .map((ring) =>
      ring
        .map(([x, y]) => [round(x), round(y)])
        .filter(([x, y], i, all) => i === 0 || x !== all[i - 1][0] || y !== all[i - 1][1]),
    )
    .filter((ring) => ring.length >= 4);

const polygonsOf = (geometry) =>
  geometry.type === 'Polygon'
    ? [geometry.coordinates]
    : geometry.type === 'MultiPolygon'
      ? geometry.coordinates
      : [];

const countries = feature(topology, topology.objects.countries).features.flatMap((country) => {
  const polygons = polygonsOf(country.geometry)
    .filter((polygon) => polygon[0] && isInRegion(boundsOf(polygon[0])))
    .map(roundedPolygon)
    .filter((polygon) => polygon.length > 0);
  if (polygons.length === 0) {
    return [];
  }
  return [
    {
      type: 'Feature',
      // ISO 3166-1 numeric code and English name, as Natural Earth gives them.
      id: Number(country.id),
      properties: { name: country.properties.name },
      geometry: { type: 'MultiPolygon', coordinates: polygons },
    },
  ];
});

writeFileSync(OUTPUT, JSON.stringify({ type: 'FeatureCollection', features: countries }));
stdout.write(`${countries.length} countries written to ${OUTPUT}\n`);
