import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import type { AfterCommitDeps } from "../../platform/events/publish-after-commit.ts";
import type { AppEnv } from "../../platform/http/app-env.ts";
import { problems } from "../../platform/http/common.schemas.ts";
import { PageQuery, pageOf } from "../../platform/http/pagination.schemas.ts";
import type { Clock } from "../../platform/time/clock.port.ts";
import type { MlaLookupRepository } from "../ports/mla-lookup.repository.ts";
import type { PhoneRepository } from "../ports/phone.repository.ts";
import type { PhoneMirror } from "../ports/phone-mirror.port.ts";
import type { UserRepository } from "../ports/user.repository.ts";
import type { UserTagRepository } from "../ports/user-tag.repository.ts";
import { createUser } from "../use-cases/profile/create-user.use-case.ts";
import { findUsers } from "../use-cases/profile/find-users.use-case.ts";
import { getUser } from "../use-cases/profile/get-user.use-case.ts";
import { getUserHistory } from "../use-cases/profile/get-user-history.use-case.ts";
import { updateProfile } from "../use-cases/profile/update-profile.use-case.ts";
import { selfOrStaff, staff, users } from "./route-callers.ts";
import {
  ProfilePatchSchema,
  SignUpSchema,
  UserIdParams,
  UserListSchema,
  UserLookupQuery,
  UserSchema,
  UserVersionSchema,
} from "./user.schemas.ts";

const UserVersionPage = pageOf(UserVersionSchema, "UserVersionPage");

/** `events` and `logger` announce each committed change (src/users/README.md, "Domain events"). */
export interface UserRoutesDeps extends AfterCommitDeps {
  /** The user store, with the tags, phone and MLA lookups that share its transactions (tag, phone, MLA routes). */
  readonly users: UserRepository & UserTagRepository & PhoneRepository & MlaLookupRepository;
  readonly phoneMirror: PhoneMirror;
  readonly clock: Clock;
}

const json = <T>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const createUserRoute = createRoute({
  operationId: "createUser",
  description:
    "Creates the record of the token's subject in PROCESSING with the profile given. The token must show multi-factor authentication (`amr` contains `mfa`); the email and the phone number are claimed for this user alone (409 when another user holds one). Callers: a user, for themself.",
  method: "post",
  path: "/users/create",
  tags: ["Users"],
  summary: "Sign up the caller (legacy gateway: Auth0 user token with MFA)",
  ...users,
  request: { body: { required: true, content: { "application/json": { schema: SignUpSchema } } } },
  responses: { 201: json(UserSchema, "The new user, PROCESSING"), ...problems(400, 401, 403, 409) },
});

const getUserRoute = createRoute({
  operationId: "getUser",
  description:
    "Answers the current version of the user record with its active tags. Callers: the user themself, services and operators.",
  method: "get",
  path: "/{user_id}/user",
  tags: ["Users"],
  summary: "The current version of a user record, with its tags",
  ...selfOrStaff,
  request: { params: UserIdParams },
  responses: { 200: json(UserSchema, "The current user record"), ...problems(400, 401, 403, 404) },
});

const findUsersRoute = createRoute({
  operationId: "findUsers",
  description:
    "Exact lookup by `email` or `phone` (one of the two), normalised the way they are stored; answers current versions only. Callers: services and operators.",
  method: "get",
  path: "/users",
  tags: ["Users"],
  summary: "Exact lookup by email (GSI1) or phone (GSI2); current versions only (services and operators)",
  ...staff,
  request: { query: UserLookupQuery },
  responses: { 200: json(UserListSchema, "Users with that email or phone"), ...problems(400, 401, 403) },
});

const updateProfileRoute = createRoute({
  operationId: "updateProfile",
  description:
    "Writes a new version of the user record with the fields given (USER_UPDATED). A concurrent change is re-applied on top of the other, never lost; a changed email or phone is claimed for this user (409 when another user holds it). Callers: the user themself, services and operators.",
  method: "patch",
  path: "/{user_id}/user",
  tags: ["Users"],
  summary: "Change profile fields: a new version (USER_UPDATED); concurrent changes are re-applied, not lost",
  ...selfOrStaff,
  request: {
    params: UserIdParams,
    body: { required: true, content: { "application/json": { schema: ProfilePatchSchema } } },
  },
  responses: { 200: json(UserSchema, "The user after the change"), ...problems(400, 401, 403, 404, 409) },
});

const historyRoute = createRoute({
  operationId: "getUserHistory",
  description:
    "Every version of the user record, newest first, one page at a time (`next_cursor` continues). Callers: the user themself, services and operators.",
  method: "get",
  path: "/{user_id}/user/history",
  tags: ["Users"],
  summary: "Every version of the user record, newest first",
  ...selfOrStaff,
  request: { params: UserIdParams, query: PageQuery },
  responses: { 200: json(UserVersionPage, "A page of versions"), ...problems(400, 401, 403, 404) },
});

export function registerUserRoutes(app: OpenAPIHono<AppEnv>, deps: UserRoutesDeps): void {
  app.openapi(createUserRoute, async (c) => {
    const user = await createUser(deps, c.get("principal"), c.req.valid("json"));
    return c.json(user, 201);
  });

  app.openapi(getUserRoute, async (c) => {
    const user = await getUser(deps, c.get("principal"), c.req.valid("param").user_id);
    return c.json(user, 200);
  });

  app.openapi(updateProfileRoute, async (c) => {
    const user = await updateProfile(
      deps,
      c.get("principal"),
      c.req.valid("param").user_id,
      c.req.valid("json"),
    );
    return c.json(user, 200);
  });

  app.openapi(historyRoute, async (c) => {
    const page = await getUserHistory(
      deps,
      c.get("principal"),
      c.req.valid("param").user_id,
      c.req.valid("query"),
    );
    return c.json(page, 200);
  });

  app.openapi(findUsersRoute, async (c) => {
    const { email, phone } = c.req.valid("query");
    const items = await findUsers(
      deps,
      c.get("principal"),
      email !== undefined ? { email } : { phone: phone ?? "" },
    );
    return c.json({ items }, 200);
  });
}
