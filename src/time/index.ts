export * from "./wall.js";
export * from "./zone.js";
export * from "./make-timestamp.js";
