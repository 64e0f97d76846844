import { readers, writers } from "../formats/index.js";
import { Registry } from "./plugin/registry.js";

/** The registry of built-in formats (formats/index.ts). */
export const builtinRegistry = new Registry(readers, writers);
