export * from "./codes.js";
export * from "./collector.js";
export * from "./errors.js";
