import { z } from "@hono/zod-openapi";
import { text } from "./text.schemas.ts";

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

/** `?limit=&cursor=` of every list endpoint. */
export const PageQuery = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE)
    .openapi({ param: { name: "limit", in: "query" }, example: DEFAULT_PAGE_SIZE }),
  cursor: text({ max: 2048, description: "`next_cursor` of the previous page." })
    .optional()
    .openapi({ param: { name: "cursor", in: "query" } }),
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
