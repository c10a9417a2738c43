import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { h } from './dom.js';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Legend,
  Tooltip,
);
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
Chart.defaults.color = '#1f2937';
Chart.defaults.animation = false;

/** Colours readable on white (contrast ≥ 4.5:1) and distinct for common colour blindness. */
export const COLORS = { open: '#1d4ed8', closed: '#047857', cumulative: '#6d28d9', overdue: '#b91c1c' };

const live: Chart[] = [];
export function destroyCharts(): void {
  while (live.length) live.pop()!.destroy();
}

/** A canvas described for screen readers; the figures are in the table beside it. */
export function chart(label: string, config: ChartConfiguration): HTMLElement {
  const canvas = h('canvas', {
    role: 'img',
    'aria-label': `${label}: chart; the same figures are in the table beside it`,
  });
  const box = h('div', { class: 'chart' }, canvas);
  live.push(
    new Chart(canvas, { ...config, options: { maintainAspectRatio: false, responsive: true, ...config.options } }),
  );
  return box;
}
