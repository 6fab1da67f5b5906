import type { LineString } from 'geojson';

/** A point as maps take it: WGS 84 degrees. */
export interface MapPoint {
  readonly latitude: number;
  readonly longitude: number;
}

/** What the corridor map draws of one corridor: its ends, its route and a colour for its status. */
export interface CorridorOnMap {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly origin: MapPoint & { readonly label: string };
  readonly destination: MapPoint & { readonly label: string };
  /** The agreed route; without one the map joins the two ends with a straight line. */
  readonly route?: LineString | null | undefined;
  /** People evacuated through it, shown in the legend when known. */
  readonly evacuated?: number | undefined;
}

/** Status colours, shared by the map's lines and its legend (AA contrast on the pale basemap). */
export const STATUS_COLOURS: Readonly<Record<string, string>> = {
  planned: '#4a525c',
  open: '#1e6b35',
  suspended: '#a15c00',
  closed: '#b3261e',
};

export const colourOfStatus = (status: string): string => STATUS_COLOURS[status] ?? '#0b4f8a';
