/**
 * How the static-vector cosine joins the BM25F ranking (`RankerSettings.fusion`):
 * - `linear`: `(1 - w) * relevance + w * cosine`; the hit reports that blend as its relevance;
 * - `rrf`: reciprocal rank fusion (Cormack, Clarke & Buettcher 2009), `1 / (60 + lexical rank) +
 *   w / (60 + cosine rank)`, each list counting only for the units in it;
 * - `adaptive`: the linear blend with `w x (1 - the best lexical relevance)`, so the cosine counts only as
 *   much as the query's own words failed to match.
 * - `minmax`: convex combination after min-max normalisation of each list over the candidates (Bruch,
 *   Gai & Ingber 2023): `(1 - w) * relevance / best + w * (cosine - lowest) / (highest - lowest)`.
 * `rrf`, `adaptive` and `minmax` report the lexical relevance, so "close"/"weak" and CodeLens's cut-off mean what
 * they meant without vectors.
 */
import type { Bm25fHit } from './bm25f';

export type Fusion = 'linear' | 'rrf' | 'adaptive' | 'minmax';

const RRF_K = 60;

/**
 * The `k` best of the lexical hits (best first) and the nearest units by cosine (best first);
 * `cosineOf` gives the cosine of a lexical hit the nearest list lacks.
 */
export function fuse(
  lexical: readonly Bm25fHit[],
  nearest: readonly { id: string; cosine: number }[],
  cosineOf: (id: string) => number,
  fusion: Fusion,
  w: number,
  k: number,
): Bm25fHit[] {
  const out = new Map<string, { hit: Bm25fHit; order: number }>();
  const cos = new Map(nearest.map((h) => [h.id, h.cosine]));
  if (fusion === 'rrf') {
    lexical.forEach((h, i) => out.set(h.id, { hit: h, order: 1 / (RRF_K + i + 1) }));
    nearest.forEach((h, i) => {
      const o = out.get(h.id) ?? { hit: { id: h.id, score: 0, relevance: 0 }, order: 0 };
      o.order += w / (RRF_K + i + 1);
      out.set(h.id, o);
    });
  } else if (fusion === 'minmax') {
    const ids = [...new Set([...lexical.map((h) => h.id), ...cos.keys()])];
    const c = new Map(ids.map((id) => [id, cos.get(id) ?? cosineOf(id)]));
    const lo = Math.min(...c.values());
    const span = Math.max(...c.values()) - lo || 1;
    const best = lexical.length ? lexical[0].relevance || 1 : 1;
    const lex = new Map(lexical.map((h) => [h.id, h]));
    for (const id of ids) {
      const h = lex.get(id) ?? { id, score: 0, relevance: 0 };
      out.set(id, { hit: h, order: (1 - w) * (h.relevance / best) + w * ((c.get(id)! - lo) / span) });
    }
  } else {
    const top = lexical.length ? lexical[0].relevance : 0;
    const we = fusion === 'adaptive' ? w * (1 - Math.min(1, top)) : w;
    const blend = (rel: number, c: number): number => (1 - we) * rel + we * Math.max(0, c);
    for (const h of lexical) {
      const order = blend(h.relevance, cos.get(h.id) ?? cosineOf(h.id));
      out.set(h.id, { hit: fusion === 'linear' ? { ...h, relevance: order } : h, order });
    }
    for (const [id, c] of cos) {
      if (out.has(id)) continue;
      const order = blend(0, c);
      out.set(id, { hit: { id, score: 0, relevance: fusion === 'linear' ? order : 0 }, order });
    }
  }
  return [...out.values()].sort((a, b) => b.order - a.order).slice(0, k).map((o) => o.hit);
}
