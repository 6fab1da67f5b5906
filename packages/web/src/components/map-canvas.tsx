import type { Feature, FeatureCollection, LineString, Point } from 'geojson';
import {
  LngLatBounds,
  Map as MapLibreMap,
  NavigationControl,
  setWorkerUrl,
  type GeoJSONSource,
  type StyleSpecification,
} from 'maplibre-gl';
// The worker as a file of this app: the CSP allows workers from 'self' only (no blob: URLs).
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef } from 'react';
import { colourOfStatus, type CorridorOnMap } from './map-types.js';

setWorkerUrl(workerUrl);

/** Natural Earth 1:50m outlines around Ukraine, shipped with the app (scripts/build-basemap.mjs). */
const BASEMAP_PATH = '/basemap/countries-50m-ukraine.geojson';
/** Ukraine and its western neighbours, where nothing else is given. */
const DEFAULT_BOUNDS: [number, number, number, number] = [14, 43.5, 41, 53.5];

/**
 * A style with no remote source, no glyphs and no sprites: only the bundled outlines and the
 * corridors. Labels are HTML (the legend and the list beside the map), never text from a glyph
 * server that the field cannot reach.
 */
function offlineStyle(corridors: FeatureCollection<LineString>, ends: FeatureCollection<Point>) {
  const style: StyleSpecification = {
    version: 8,
    sources: {
      countries: { type: 'geojson', data: new URL(BASEMAP_PATH, window.location.href).href },
      corridors: { type: 'geojson', data: corridors },
      ends: { type: 'geojson', data: ends },
    },
    layers: [
      { id: 'water', type: 'background', paint: { 'background-color': '#dce9f2' } },
      {
        id: 'land',
        type: 'fill',
        source: 'countries',
        paint: {
          'fill-color': ['case', ['==', ['id'], 804], '#fff8dc', '#f4f4f0'],
        },
      },
      {
        id: 'borders',
        type: 'line',
        source: 'countries',
        paint: { 'line-color': '#6b7580', 'line-width': 0.8 },
      },
      {
        id: 'corridor-lines',
        type: 'line',
        source: 'corridors',
        layout: { 'line-cap': 'round', 'line-join': 'round' },
        paint: {
          'line-color': ['get', 'colour'],
          'line-width': ['case', ['get', 'isHighlighted'], 6, 4],
          'line-dasharray': [
            'case',
            ['==', ['get', 'status'], 'open'],
            ['literal', [1, 0]],
            ['literal', [2, 1]],
          ],
        },
      },
      {
        id: 'corridor-ends',
        type: 'circle',
        source: 'ends',
        paint: {
          'circle-radius': 6,
          'circle-color': ['get', 'colour'],
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 2,
        },
      },
    ],
  };
  return style;
}

function routeOf(corridor: CorridorOnMap): LineString {
  return (
    corridor.route ?? {
      type: 'LineString',
      coordinates: [
        [corridor.origin.longitude, corridor.origin.latitude],
        [corridor.destination.longitude, corridor.destination.latitude],
      ],
    }
  );
}

function featuresOf(corridors: readonly CorridorOnMap[], highlightedId: string | undefined) {
  const lines: Feature<LineString>[] = corridors.map((corridor) => ({
    type: 'Feature',
    properties: {
      id: corridor.id,
      status: corridor.status,
      colour: colourOfStatus(corridor.status),
      isHighlighted: corridor.id === highlightedId,
    },
    geometry: routeOf(corridor),
  }));
  const ends: Feature<Point>[] = corridors.flatMap((corridor) =>
    [corridor.origin, corridor.destination].map((end) => ({
      type: 'Feature' as const,
      properties: { colour: colourOfStatus(corridor.status) },
      geometry: { type: 'Point' as const, coordinates: [end.longitude, end.latitude] },
    })),
  );
  return {
    lines: { type: 'FeatureCollection', features: lines } satisfies FeatureCollection<LineString>,
    ends: { type: 'FeatureCollection', features: ends } satisfies FeatureCollection<Point>,
  };
}

function boundsOf(corridors: readonly CorridorOnMap[]): LngLatBounds {
  const bounds = new LngLatBounds(
    [DEFAULT_BOUNDS[0], DEFAULT_BOUNDS[1]],
    [DEFAULT_BOUNDS[2], DEFAULT_BOUNDS[3]],
  );
  // Ukraine and its neighbours stay in view around the corridors: the reader needs the context.
  for (const corridor of corridors) {
    for (const [longitude, latitude] of routeOf(corridor).coordinates) {
      if (longitude !== undefined && latitude !== undefined) {
        bounds.extend([longitude, latitude]);
      }
    }
  }
  return bounds;
}

interface MapCanvasProps {
  readonly corridors: readonly CorridorOnMap[];
  readonly highlightedId?: string | undefined;
  /** Read by screen readers instead of the canvas; the list beside the map says the rest. */
  readonly label: string;
  /** The map could not start (WebGL lost, worker refused): show the text list instead. */
  readonly onFailure: () => void;
}

/** The MapLibre canvas; loaded only where WebGL works (see corridor-map.tsx). */
export function MapCanvas({ corridors, highlightedId, label, onFailure }: MapCanvasProps) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibreMap | undefined>(undefined);
  const dataKey = JSON.stringify(featuresOf(corridors, highlightedId));

  useEffect(() => {
    if (!container.current) {
      return;
    }
    const { lines, ends } = featuresOf(corridors, highlightedId);
    let created: MapLibreMap;
    try {
      created = new MapLibreMap({
        container: container.current,
        style: offlineStyle(lines, ends),
        bounds: boundsOf(corridors),
        fitBoundsOptions: { padding: 24, maxZoom: 8 },
        attributionControl: { compact: true, customAttribution: 'Natural Earth' },
        dragRotate: false,
        pitchWithRotate: false,
      });
    } catch {
      onFailure();
      return;
    }
    created.touchZoomRotate.disableRotation();
    created.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    created.getCanvas().setAttribute('aria-label', label);
    // Says when the outlines and corridors are on screen (the browser test waits for it).
    created.once('load', () => {
      created.once('idle', () => container.current?.setAttribute('data-map-state', 'drawn'));
    });
    map.current = created;
    return () => {
      created.remove();
      map.current = undefined;
    };
    // The map is made once; new data goes to its sources below.
  }, []);

  useEffect(() => {
    const current = map.current;
    if (!current) {
      return;
    }
    const update = () => {
      const parsed = JSON.parse(dataKey) as ReturnType<typeof featuresOf>;
      current.getSource<GeoJSONSource>('corridors')?.setData(parsed.lines);
      current.getSource<GeoJSONSource>('ends')?.setData(parsed.ends);
    };
    if (current.isStyleLoaded()) {
      update();
    } else {
      current.once('load', update);
    }
  }, [dataKey]);

  return <div ref={container} className="map-canvas" data-map-state="loading" />;
}
