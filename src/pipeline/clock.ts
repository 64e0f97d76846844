/**
 * The generation instant written into outputs: SOURCE_DATE_EPOCH (reproducible builds convention) when
 * set, else now. Only the pipeline's callers read it; readers and writers get it through context.
 */
export function generationTime(env: Record<string, string | undefined> = process.env, now: () => number = Date.now): string {
  const sde = env.SOURCE_DATE_EPOCH;
  if (sde !== undefined && /^\d+$/.test(sde.trim())) return new Date(Number(sde.trim()) * 1000).toISOString().replace(".000Z", "Z");
  return new Date(now()).toISOString();
}
