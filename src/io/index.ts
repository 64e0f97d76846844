export * from "./source.js";
export * from "./decode.js";
export * from "./lines.js";
export * from "./hash.js";
export * from "./sink.js";
export * from "./text-input.js";
export * from "./sqlite.js";
export * from "./media.js";
