/** File name of volume `k` (1-based): `chat.html`, `chat.vol002.html`, … */
export function volumeName(outputName: string, k: number): string {
  if (k === 1) return outputName;
  const dot = outputName.lastIndexOf(".");
  const [stem, ext] = dot > 0 ? [outputName.slice(0, dot), outputName.slice(dot)] : [outputName, ""];
  return `${stem}.vol${String(k).padStart(3, "0")}${ext}`;
}

/** The folder for copied media beside an output: `chat_files`. */
export function mediaFolder(outputName: string): string {
  const dot = outputName.lastIndexOf(".");
  return `${dot > 0 ? outputName.slice(0, dot) : outputName}_files`;
}

/** How many volumes `total` messages fill at `perVolume` each (at least one). */
export function volumeCount(total: number, perVolume: number | undefined): number {
  return perVolume ? Math.max(1, Math.ceil(total / perVolume)) : 1;
}
