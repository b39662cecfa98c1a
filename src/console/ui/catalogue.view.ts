import { html } from "hono/html";
import type {
  Catalog,
  CatalogEvent,
  CatalogRequest,
  ReceivedRequest,
} from "../../platform/events/asyncapi-catalog.ts";
import type { Operator } from "../domain/operator.ts";
import { type Html, page } from "./layout.view.ts";

export interface CatalogueFrame {
  readonly operator: Operator;
  readonly csrfToken: string;
  readonly catalog: Catalog;
  readonly missing: readonly string[];
}

const eventPath = (event: Pick<CatalogEvent, "id" | "version">) =>
  `/console/catalogue/events/${encodeURIComponent(event.id)}/${encodeURIComponent(event.version)}`;

/** A command's or query's page (catalogue-request.view.ts). */
export const requestPath = (request: Pick<CatalogRequest, "id" | "version">) =>
  `/console/catalogue/requests/${encodeURIComponent(request.id)}/${encodeURIComponent(request.version)}`;

export function serviceName(catalog: Catalog, id: string): string {
  return catalog.services.find((service) => service.id === id)?.name ?? id;
}

export function missingNotice(missing: readonly string[]): Html | string {
  return missing.length === 0
    ? ""
    : html`<p class="problem" role="alert">Not answering, so not shown: ${missing.join(", ")}.</p>`;
}

/**
 * Every service with what it sends and receives, every message of a channel with its kind, producer,
 * consumers and channel, and every command and query received over HTTP with its operation.
 */
export function cataloguePage(view: CatalogueFrame): Html {
  const { catalog } = view;
  return page(
    { title: "Event catalogue", operator: view.operator, csrfToken: view.csrfToken, section: "catalogue" },
    html`<h1>Event catalogue</h1>
      <p>Every message Roster's services exchange, read from the AsyncAPI documents the running services serve, and the commands and queries they receive over HTTP, from their contracts (the same sources <code>npm run catalog</code> writes <code>docs/catalog/</code> from, for teams that run EventCatalog).</p>
      ${missingNotice(view.missing)}
      <section aria-labelledby="services-title">
        <h2 id="services-title">Services</h2>
        <div class="sections">${catalog.services.map(
          (service) => html`<article aria-label="${service.name}">
            <header><strong>${service.name}</strong> <small>${service.id} ${service.version}</small></header>
            <p>${service.summary}</p>
            <p><strong>Sends:</strong> ${links(catalog.events.filter((event) => event.producer === service.id))}</p>
            <p><strong>Receives:</strong> ${links(catalog.events.filter((event) => event.consumers.includes(service.id)))}</p>
            ${service.requests.length > 0 ? html`<p><strong>Receives over HTTP:</strong> ${requestLinks(service.requests)}</p>` : ""}
          </article>`,
        )}</div>
      </section>
      <section aria-labelledby="messages-title">
        <h2 id="messages-title">Messages</h2>
        <div class="scroll" tabindex="0" role="region" aria-label="Messages"><table>
          <caption class="visually-hidden">Messages</caption>
          <thead><tr><th scope="col">Message</th><th scope="col">Version</th><th scope="col">Type</th><th scope="col">Channel</th><th scope="col">Produced by</th><th scope="col">Consumed by</th><th scope="col">Summary</th></tr></thead>
          <tbody>${catalog.events.map(
            (event) => html`<tr>
              <td><a href="${eventPath(event)}">${event.id}</a></td>
              <td>${event.version}</td>
              <td>${event.type}</td>
              <td>${event.channel}</td>
              <td>${serviceName(catalog, event.producer)}</td>
              <td>${event.consumers.map((id) => serviceName(catalog, id)).join(", ") || "(none in Roster)"}</td>
              <td>${event.summary}</td>
            </tr>`,
          )}</tbody>
        </table></div>
      </section>
      ${requestsSection(catalog.requests, catalog)}
      <section aria-labelledby="channels-title">
        <h2 id="channels-title">Channels</h2>
        <div class="scroll" tabindex="0" role="region" aria-label="Channels"><table>
          <caption class="visually-hidden">Channels</caption>
          <thead><tr><th scope="col">Channel</th><th scope="col">Address</th><th scope="col">Protocol</th><th scope="col">Owner</th><th scope="col">Summary</th></tr></thead>
          <tbody>${catalog.channels.map(
            (channel) =>
              html`<tr><td>${channel.id}</td><td><code>${channel.address}</code></td><td>${channel.protocol}</td><td>${serviceName(catalog, channel.owner)}</td><td>${channel.summary}</td></tr>`,
          )}</tbody>
        </table></div>
      </section>`,
  );
}

function requestsSection(requests: readonly ReceivedRequest[], catalog: Catalog): Html {
  return html`<section aria-labelledby="requests-title">
    <h2 id="requests-title">Commands and queries (HTTP)</h2>
    <div class="scroll" tabindex="0" role="region" aria-label="Commands and queries"><table>
      <caption class="visually-hidden">Commands and queries received over HTTP</caption>
      <thead><tr><th scope="col">Message</th><th scope="col">Version</th><th scope="col">Type</th><th scope="col">Operation</th><th scope="col">Received by</th><th scope="col">Sent by</th><th scope="col">Summary</th></tr></thead>
      <tbody>${requests.map(
        (request) => html`<tr>
          <td><a href="${requestPath(request)}">${request.id}</a></td>
          <td>${request.version}</td>
          <td>${request.type}</td>
          <td><code>${request.method} ${request.path}</code></td>
          <td>${serviceName(catalog, request.receiver)}</td>
          <td>${request.callers.join(", ")}</td>
          <td>${request.summary}</td>
        </tr>`,
      )}</tbody>
    </table></div>
  </section>`;
}

function requestLinks(requests: readonly CatalogRequest[]): Html {
  return html`${requests.map((request, index) => html`${index > 0 ? ", " : ""}<a href="${requestPath(request)}">${request.id} ${request.version}</a>`)}`;
}

function links(events: readonly CatalogEvent[]): Html | string {
  if (events.length === 0) return "nothing";
  return html`${events.map((event, index) => html`${index > 0 ? ", " : ""}<a href="${eventPath(event)}">${event.id} ${event.version}</a>`)}`;
}

/** One message: who produces and consumes it, on which channel, its JSON schema and its examples. */
export function catalogueEventPage(view: CatalogueFrame & { readonly event: CatalogEvent }): Html {
  const { catalog, event } = view;
  const others = catalog.events.filter((other) => other.id === event.id && other.version !== event.version);
  return page(
    {
      title: `${event.id} ${event.version}`,
      operator: view.operator,
      csrfToken: view.csrfToken,
      section: "catalogue",
    },
    html`<p><a href="/console/catalogue">Event catalogue</a></p>
      <h1>${event.id} <small>${event.version}</small></h1>
      <p>${event.summary}</p>
      ${missingNotice(view.missing)}
      <dl class="fields">
        <dt>Type</dt><dd>${event.type}</dd>
        <dt>Channel</dt><dd>${event.channel}</dd>
        <dt>Produced by</dt><dd>${serviceName(catalog, event.producer)}</dd>
        <dt>Consumed by</dt><dd>${event.consumers.map((id) => serviceName(catalog, id)).join(", ") || "(none in Roster)"}</dd>
        ${others.length > 0 ? html`<dt>Other versions</dt><dd>${links(others)}</dd>` : ""}
      </dl>
      <section aria-labelledby="schema-title">
        <h2 id="schema-title">Schema</h2>
        <pre tabindex="0" aria-label="JSON schema of ${event.id} ${event.version}">${JSON.stringify(event.schema, null, 2)}</pre>
      </section>
      <section aria-labelledby="examples-title">
        <h2 id="examples-title">Examples</h2>
        ${event.examples.map(
          (example) =>
            html`<h3>${example.name}</h3><pre tabindex="0" aria-label="Example ${example.name}">${JSON.stringify(example.payload, null, 2)}</pre>`,
        )}
      </section>`,
  );
}
