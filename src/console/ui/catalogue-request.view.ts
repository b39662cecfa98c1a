import { html } from "hono/html";
import type { ReceivedRequest } from "../../platform/events/asyncapi-catalog.ts";
import { type CatalogueFrame, missingNotice, serviceName } from "./catalogue.view.ts";
import { type Html, page } from "./layout.view.ts";

function examples(of: string, list: ReceivedRequest["examples"]): Html {
  return html`${list.map(
    (example) =>
      html`<h4>${example.name}</h4><pre tabindex="0" aria-label="${of} example ${example.name}">${JSON.stringify(example.payload, null, 2)}</pre>`,
  )}`;
}

/**
 * One command or query received over HTTP: its operation, who receives it and who may send it, the
 * JSON schema and examples of the request (a command's body, a query's path parameters) and of the answer.
 */
export function catalogueRequestPage(view: CatalogueFrame & { readonly request: ReceivedRequest }): Html {
  const { catalog, request } = view;
  const name = `${request.id} ${request.version}`;
  return page(
    { title: name, operator: view.operator, csrfToken: view.csrfToken, section: "catalogue" },
    html`<p><a href="/console/catalogue">Event catalogue</a></p>
      <h1>${request.id} <small>${request.version}</small></h1>
      <p>${request.summary}</p>
      ${missingNotice(view.missing)}
      <dl class="fields">
        <dt>Type</dt><dd>${request.type}</dd>
        <dt>Operation</dt><dd><code>${request.method} ${request.path}</code></dd>
        <dt>Received by</dt><dd>${serviceName(catalog, request.receiver)}</dd>
        <dt>Sent by</dt><dd>${request.callers.join(", ")}</dd>
        <dt>Answer</dt><dd>${request.answer.status}</dd>
      </dl>
      <section aria-labelledby="request-title">
        <h2 id="request-title">Request (${request.type === "query" ? "its path parameters" : "its body"})</h2>
        <h3>Schema</h3>
        <pre tabindex="0" aria-label="JSON schema of the request of ${name}">${JSON.stringify(request.schema, null, 2)}</pre>
        <h3>Examples</h3>
        ${examples("Request", request.examples)}
      </section>
      <section aria-labelledby="answer-title">
        <h2 id="answer-title">Answer (${request.answer.status})</h2>
        <h3>Schema</h3>
        <pre tabindex="0" aria-label="JSON schema of the answer of ${name}">${JSON.stringify(request.answer.schema, null, 2)}</pre>
        <h3>Examples</h3>
        ${examples("Answer", request.answer.examples)}
      </section>`,
  );
}
