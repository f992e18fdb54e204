/**
 * Which price data the extension ships, for display (dashboard, report) without loading the data itself.
 * The prices come from `@pydantic/genai-prices`, whose npm package bundles its whole catalogue; its data carries
 * no date of its own, so the date shown is the day that version was published on the npm registry (the data is
 * frozen into the package when it is built). `price-data.test.ts` fails when the installed version differs from
 * `version`, so an upgrade cannot leave a stale date behind.
 */
export const PRICE_DATA = {
  source: '@pydantic/genai-prices',
  version: '0.1.8',
  /** Publication date of `version` on the npm registry (`npm view @pydantic/genai-prices time`). */
  date: '2026-09-23',
} as const;

/** "prices: @pydantic/genai-prices 0.1.8, data of 2026-09-23": one wording for the page and the report. */
export function priceDataLabel(): string {
  return `prices: ${PRICE_DATA.source} ${PRICE_DATA.version}, data of ${PRICE_DATA.date}`;
}
