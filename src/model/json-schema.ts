import { z } from "zod";
import { Archive } from "./schema.js";
import { SCHEMA_VERSION } from "./version.js";

/** The JSON Schema (draft 2020-12) of the Archive, generated from the zod model. */
export function archiveJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Archive, { target: "draft-2020-12", unrepresentable: "any" }) as Record<string, unknown>;
  return {
    ...schema,
    $id: `https://chatport.dev/schema/archive-${SCHEMA_VERSION}.json`,
    title: `chatport archive, schema ${SCHEMA_VERSION}`,
  };
}
