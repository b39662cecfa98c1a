import { z } from "@hono/zod-openapi";

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi("Problem", {
    description: "RFC 9457 problem details",
    example: {
      type: "https://roster.dev/problems/validation",
      title: "Bad request",
      status: 400,
      detail: "user_phone: must be a 10-digit US phone number, e.g. (555) 201-7788",
      instance: "/users/create",
      errors: [{ path: "user_phone", message: "must be a 10-digit US phone number, e.g. (555) 201-7788" }],
    },
  });

const problemContent = { "application/problem+json": { schema: ProblemSchema } };

/** Problem responses for the statuses a route can answer with. */
export function problems(...statuses: (400 | 401 | 402 | 403 | 404 | 409 | 422 | 502 | 503)[]) {
  const descriptions = {
    400: "Bad input; `errors` names each field",
    401: "No or bad credentials",
    402: "The payment was declined; `code` and `decline_code` say why",
    403: "The caller may not do this",
    404: "Unknown user or resource",
    409: "Conflicts with the current state",
    422: "Refused by a business rule",
    502: "A dependency failed; nothing was written",
    503: "A store is unavailable",
  } as const;
  return Object.fromEntries(
    statuses.map((s) => [s, { description: descriptions[s], content: problemContent }]),
  );
}

export const bearerSecurity = [{ bearer: [] }];
