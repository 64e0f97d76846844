export * from "./schema.js";
export * from "./timestamp.js";
export * from "./version.js";
export * from "./json-schema.js";
export * from "./display.js";
