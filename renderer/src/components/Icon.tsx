import type { PageId } from '../navigation/routes';

export type IconName = PageId | 'refresh' | 'warning';

// 24×24 outline paths, drawn with currentColor so they follow the theme.
const PATHS: Record<IconName, string> = {
  devices: 'M3 7h12v7H3zM15 9l5-2v7l-5-2M7 14v4H4',
  network: 'M9 3h6v5H9zM3 16h6v5H3zM15 16h6v5h-6zM12 8v4M6 16v-4h12v4',
  ptz: 'M12 2v4M12 18v4M2 12h4M18 12h4M12 8a4 4 0 1 0 0 8a4 4 0 1 0 0-8',
  logs: 'M5 4h14v16H5zM8 8h8M8 12h8M8 16h5',
  alarms: 'M6 16V11a6 6 0 0 1 12 0v5l2 2H4zM10 20a2 2 0 0 0 4 0',
  setup: 'M4 6h10M4 12h7M4 18h10M17 4l3 3-3 3M15 15l2 2 4-4',
  system: 'M4 5h16v10H4zM9 19h6M12 15v4',
  refresh: 'M20 12a8 8 0 1 1-2.3-5.7M20 4v5h-5',
  warning: 'M12 3l10 18H2zM12 10v5M12 18v.5',
};

/** A small decorative icon; always aria-hidden because the text next to it names the thing. */
export function Icon({ name, size = 16 }: { name: IconName; size?: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
