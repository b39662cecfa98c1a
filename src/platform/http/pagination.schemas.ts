import { z } from "@hono/zod-openapi";
import { text } from "./text.schemas.ts";

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

/**
 * An integer query parameter: plain decimal digits only, then its bounds. `Number()` and `z.coerce` also
 * take `0x19`, `+25`, ` 25`, `1e1` and `25.0`; a client that sends those has a bug worth a 400. The
 * pattern is the parameter's schema in the OpenAPI document (a string of digits, as a query is text).
 */
export function queryInteger(options: {
  readonly min: number;
  readonly max: number;
  readonly example: number;
}) {
  return z
    .string()
    .regex(/^[0-9]{1,9}$/, "must be a whole number in decimal digits (0-9) only")
    .transform(Number)
    .pipe(z.number().int().min(options.min).max(options.max))
    .openapi({ example: String(options.example), type: "string", pattern: "^[0-9]{1,9}$", maxLength: 9 });
}

/** `?limit=&cursor=` of every list endpoint. */
export const PageQuery = z.object({
  limit: queryInteger({ min: 1, max: MAX_PAGE_SIZE, example: DEFAULT_PAGE_SIZE })
    .optional()
    .transform((limit) => limit ?? DEFAULT_PAGE_SIZE)
    .openapi({
      param: { name: "limit", in: "query" },
      default: String(DEFAULT_PAGE_SIZE),
      description: `Items per page, 1 to ${MAX_PAGE_SIZE} in decimal digits (default ${DEFAULT_PAGE_SIZE})`,
    }),
  cursor: text({
    max: 2048,
    description:
      "`next_cursor` of the previous page of this very list, within 24 hours; opaque (sealed and bound to the list): any other answers 400",
  })
    .optional()
    .openapi({
      param: { name: "cursor", in: "query" },
    }),
});

/** `{ items, next_cursor }`: `next_cursor` is present exactly when more items follow. */
export function pageOf<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({
      items: z.array(item),
      next_cursor: z.string().optional().openapi({ description: "Pass as `cursor` for the next page" }),
    })
    .openapi(name);
}
