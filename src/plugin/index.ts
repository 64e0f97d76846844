export * from "./types.js";
export * from "./registry.js";
export * from "./recent-map.js";
export * from "./archive-sources.js";
export * from "./archive-lists.js";
