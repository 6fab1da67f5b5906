import cliProgress from 'cli-progress';

export interface Progress {
  /** Rows done so far, and work done out of `total` (rows or bytes) when it differs from rows. */
  update(rows: number, done?: number): void;
  /** Prints a line without breaking the bar. */
  log(line: string): void;
  stop(): void;
}

export interface ProgressOptions {
  readonly label: string;
  /** Total work (rows, or bytes of an input file); unknown when absent. */
  readonly total?: number | undefined;
  readonly stream?: NodeJS.WriteStream;
  /** How often a line is written when the output is not a terminal. */
  readonly intervalMs?: number;
}

const number = new Intl.NumberFormat('en');

/**
 * Shows rows and rows/s on stderr: a live bar on a terminal, otherwise one line every few seconds
 * (logs of a CI job or `nohup` stay readable).
 */
export function startProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const startedMs = performance.now();
  let rows = 0;
  let done = 0;
  const rate = (): number =>
    Math.round(rows / Math.max(0.001, (performance.now() - startedMs) / 1000));

  if (stream.isTTY) {
    // A multi-bar of one bar, because only the multi-bar can print lines above itself.
    const bars = new cliProgress.MultiBar(
      {
        stream,
        format: `${options.label} [{bar}] {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}`,
        hideCursor: true,
        etaBuffer: 50,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
    const bar = bars.create(options.total ?? 0, 0, { rows: '0', rate: '0' });
    return {
      update: (rowsDone, workDone = rowsDone) => {
        rows = rowsDone;
        bar.update(workDone, { rows: number.format(rows), rate: number.format(rate()) });
      },
      log: (line) => bars.log(`${line}\n`),
      stop: () => {
        bars.update(); // prints lines logged since the last frame
        bars.stop();
      },
    };
  }

  const report = (): void => {
    const share = options.total ? ` (${Math.floor((100 * done) / options.total)}%)` : '';
    stream.write(
      `${options.label}: ${number.format(rows)} rows${share}, ${number.format(rate())} rows/s\n`,
    );
  };
  const timer = setInterval(report, options.intervalMs ?? 5000);
  timer.unref();
  return {
    update: (rowsDone, workDone = rowsDone) => {
      rows = rowsDone;
      done = workDone;
    },
    log: (line) => stream.write(`${line}\n`),
    stop: () => {
      clearInterval(timer);
    },
  };
}

/** A count and rate for the final summary line, e.g. '1,000,000 rows in 52.1 s (19,193 rows/s)'. */
export function formatThroughput(rows: number, elapsedMs: number, unit = 'rows'): string {
  const seconds = elapsedMs / 1000;
  const perSecond = Math.round(rows / Math.max(0.001, seconds));
  return `${number.format(rows)} ${unit} in ${seconds.toFixed(1)} s (${number.format(perSecond)} ${unit}/s)`;
}

export { number as numberFormat };
