/** Tyre seasons in the order buyers expect them, with the words shown for them. */
const SEASON_LABELS: Readonly<Record<string, string>> = { summer: 'Summer', winter: 'Winter', all_season: 'All-season' };

export function seasonLabel(season: string): string {
  return SEASON_LABELS[season] ?? season;
}

export const seasonOrder = (season: string): number => Object.keys(SEASON_LABELS).indexOf(season);
