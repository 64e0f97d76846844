/**
 * Version of the public JSON contract (the `Archive` shape). Bump the major part when a field is
 * renamed or removed, the minor part when one is added. Stamped into every JSON output.
 */
export const SCHEMA_VERSION = "1.0.0";
