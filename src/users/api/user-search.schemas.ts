import { PageQuery, pageOf } from "../../platform/http/pagination.schemas.ts";
import { text } from "../../platform/http/text.schemas.ts";
import { UserFieldsSchema } from "./user.schemas.ts";

export const UserSearchQuery = PageQuery.extend({
  // NUL and other control characters match nothing a user typed, and PostgreSQL refuses NUL outright.
  q: text({
    min: 0,
    max: 500,
    surroundingSpace: "allow",
    description:
      "Whitespace-separated terms; a user matches when every term occurs, ignoring case, in their first " +
      "name, last name, email, phone or city. A term of digits and phone punctuation also matches the " +
      "phone's digits (`555-201-7788`). At most 8 terms of at most 64 characters.",
  }).openapi({ param: { name: "q", in: "query" }, example: "ada austin" }),
});

export const UserSummarySchema = UserFieldsSchema.openapi("UserSummary", {
  description: "A user's current profile as the usermodel projection holds it (no tags)",
  example: {
    user_id: "auth0|6568a1f2c0ffee",
    user_email: "ada.lovelace@example.com",
    user_first_name: "Ada",
    user_last_name: "Lovelace",
    user_phone: "5552017788",
    user_city: "Austin",
    user_status: "PROCESSING",
    user_date_joined: "2026-11-22T09:30:00.000Z",
    user_date_updated: "2026-11-22T09:30:00.000Z",
  },
});

export const UserSearchPageSchema = pageOf(UserSummarySchema, "UserSearchPage");
