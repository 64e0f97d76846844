/**
 * File name of volume `k` (1-based) of a split output: `chat.html`, `chat.vol002.html`, … The one
 * naming of every writer that splits (html and pdf volumes, csv parts).
 */
export function volumeName(outputName: string, k: number): string {
  if (k === 1) return outputName;
  const dot = outputName.lastIndexOf(".");
  const [stem, ext] = dot > 0 ? [outputName.slice(0, dot), outputName.slice(dot)] : [outputName, ""];
  return `${stem}.vol${String(k).padStart(3, "0")}${ext}`;
}
