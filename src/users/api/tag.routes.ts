import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../../platform/http/app-env.ts";
import { problems } from "../../platform/http/common.schemas.ts";
import { PageQuery, pageOf } from "../../platform/http/pagination.schemas.ts";
import { archiveTag } from "../use-cases/tags/archive-tag.use-case.ts";
import { listTags } from "../use-cases/tags/list-tags.use-case.ts";
import { putTag } from "../use-cases/tags/put-tag.use-case.ts";
import type { TagDeps } from "../use-cases/tags/tag-write.steps.ts";
import { selfOrStaff, staff } from "./route-callers.ts";
import { TagParams, TagValueSchema } from "./tag.schemas.ts";
import { TagSchema, UserIdParams } from "./user.schemas.ts";

const json = <T>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const TagPage = pageOf(TagSchema, "TagPage");

const putTagRoute = createRoute({
  operationId: "putTag",
  description:
    "Adds a tag to the user or replaces its value; the user's `tags` map follows in the same transaction. Callers: services and operators.",
  method: "put",
  path: "/{user_id}/tags/{tag_name}",
  tags: ["Tags"],
  summary:
    "Add or replace a tag (services and operators); the user's tags map follows in the same transaction",
  ...staff,
  request: {
    params: TagParams,
    body: { required: true, content: { "application/json": { schema: TagValueSchema } } },
  },
  responses: { 200: json(TagSchema, "The tag as stored"), ...problems(400, 401, 403, 404, 409, 422) },
});

const archiveTagRoute = createRoute({
  operationId: "archiveTag",
  description:
    "Archives a tag: `tag_archived` becomes true and the value is kept; the tag leaves the user's `tags` map. Callers: services and operators.",
  method: "delete",
  path: "/{user_id}/tags/{tag_name}",
  tags: ["Tags"],
  summary: "Archive a tag (soft delete: tag_archived true, value kept)",
  ...staff,
  request: { params: TagParams },
  responses: { 200: json(TagSchema, "The archived tag"), ...problems(400, 401, 403, 404, 409, 422) },
});

const listTagsRoute = createRoute({
  operationId: "listTags",
  description:
    "The user's tags, active and archived, by name. Callers: the user themself, services and operators.",
  method: "get",
  path: "/{user_id}/tags",
  tags: ["Tags"],
  summary: "The user's tags, active and archived, by name",
  ...selfOrStaff,
  request: { params: UserIdParams, query: PageQuery },
  responses: { 200: json(TagPage, "A page of tags"), ...problems(400, 401, 403, 404) },
});

export function registerTagRoutes(app: OpenAPIHono<AppEnv>, deps: TagDeps): void {
  app.openapi(putTagRoute, async (c) => {
    const { user_id, tag_name } = c.req.valid("param");
    return c.json(
      await putTag(deps, c.get("principal"), user_id, tag_name, c.req.valid("json").tag_value),
      200,
    );
  });

  app.openapi(archiveTagRoute, async (c) => {
    const { user_id, tag_name } = c.req.valid("param");
    return c.json(await archiveTag(deps, c.get("principal"), user_id, tag_name), 200);
  });

  app.openapi(listTagsRoute, async (c) => {
    const page = await listTags(deps, c.get("principal"), c.req.valid("param").user_id, c.req.valid("query"));
    return c.json(page, 200);
  });
}
