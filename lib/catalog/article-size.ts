import type { ArticleSummary } from './list-visible-articles';

/** How a buyer reads a size: `205/55 R16` for tyres, `7.5J × 17″` for wheels. */
export function articleSize(a: Pick<ArticleSummary, 'kind' | 'width' | 'aspectRatio' | 'rimDiameter'>): string {
  if (a.kind === 'wheel') return `${(a.width / 10).toFixed(1)}J × ${a.rimDiameter}″`;
  return `${a.width}/${a.aspectRatio} R${a.rimDiameter}`;
}
