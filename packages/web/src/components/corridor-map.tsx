import { Component, lazy, Suspense, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { canDrawMap } from './map-support.js';
import { colourOfStatus, type CorridorOnMap } from './map-types.js';
import './corridor-styles.css';

// MapLibre is large: it loads only on pages with a map, and only where WebGL can draw it.
const MapCanvas = lazy(() =>
  import('./map-canvas.js').then((module) => ({ default: module.MapCanvas })),
);

/** A failure while loading or starting the map leaves the list, never a blank page. */
class MapBoundary extends Component<
  { readonly fallback: ReactNode; readonly children: ReactNode },
  { hasFailed: boolean }
> {
  override state = { hasFailed: false };
  static getDerivedStateFromError() {
    return { hasFailed: true };
  }
  override render() {
    return this.state.hasFailed ? this.props.fallback : this.props.children;
  }
}

interface CorridorMapProps {
  readonly corridors: readonly CorridorOnMap[];
  readonly highlightedId?: string;
  /** Names link to the corridor's page when true (the list page), not on the corridor page. */
  readonly isLinked?: boolean;
}

/**
 * Corridors on a map of Ukraine and its neighbours, drawn offline, with a legend and the same
 * corridors as a list: the list is what a screen reader reads, and all there is without WebGL.
 */
export function CorridorMap({ corridors, highlightedId, isLinked = false }: CorridorMapProps) {
  const { t } = useTranslation();
  const [isDrawable, setDrawable] = useState(canDrawMap);
  const list = (
    <ul className="corridor-map-list" aria-label={t('corridors.map.listLabel')}>
      {corridors.map((corridor) => (
        <li key={corridor.id}>
          <span
            className="corridor-swatch"
            style={{ backgroundColor: colourOfStatus(corridor.status) }}
            aria-hidden="true"
          />
          {isLinked ? (
            <Link to={`/corridors/${corridor.id}`}>{corridor.name}</Link>
          ) : (
            <strong>{corridor.name}</strong>
          )}
          {': '}
          {t('corridors.map.fromTo', {
            origin: corridor.origin.label,
            destination: corridor.destination.label,
          })}
          {' — '}
          {t(`corridors.status.${corridor.status}`, { defaultValue: corridor.status })}
          {corridor.evacuated !== undefined &&
            ` · ${t('corridors.map.evacuated', { count: corridor.evacuated })}`}
        </li>
      ))}
    </ul>
  );
  return (
    <section className="corridor-map" aria-label={t('corridors.map.label')}>
      {isDrawable ? (
        <MapBoundary fallback={<p className="muted">{t('corridors.map.unavailable')}</p>}>
          <Suspense fallback={<div className="map-canvas map-loading">{t('common.loading')}</div>}>
            <MapCanvas
              corridors={corridors}
              highlightedId={highlightedId}
              label={t('corridors.map.canvasLabel', { count: corridors.length })}
              onFailure={() => setDrawable(false)}
            />
          </Suspense>
        </MapBoundary>
      ) : (
        <p className="muted" role="note">
          {t('corridors.map.noWebgl')}
        </p>
      )}
      {corridors.length === 0 ? <p className="muted">{t('corridors.map.none')}</p> : list}
    </section>
  );
}
