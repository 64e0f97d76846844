export { volumeName } from "../../src/plugin/volume-name.js";

/** The folder for copied media beside an output: `chat_files`. */
export function mediaFolder(outputName: string): string {
  const dot = outputName.lastIndexOf(".");
  return `${dot > 0 ? outputName.slice(0, dot) : outputName}_files`;
}

/** How many volumes `total` messages fill at `perVolume` each (at least one). */
export function volumeCount(total: number, perVolume: number | undefined): number {
  return perVolume ? Math.max(1, Math.ceil(total / perVolume)) : 1;
}
