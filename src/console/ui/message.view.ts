import { html } from "hono/html";
import type { Operator } from "../domain/operator.ts";
import { type Html, page } from "./layout.view.ts";

/** A page that says one thing: an error in plain words, or that the operator signed out. */
export function messagePage(options: {
  readonly title: string;
  readonly message: string;
  readonly operator?: Operator;
  readonly csrfToken?: string;
  readonly problem?: boolean;
}): Html {
  return page(
    {
      title: options.title,
      ...(options.operator ? { operator: options.operator } : {}),
      ...(options.csrfToken ? { csrfToken: options.csrfToken } : {}),
    },
    html`<h1>${options.title}</h1>
      <p class="${options.problem ? "problem" : "notice"}" role="${options.problem ? "alert" : "status"}">${options.message}</p>
      <p><a href="/console">Back to the console</a></p>`,
  );
}
