/**
 * A fact the service announces after it committed a change (EventBridge's PutEvents entry: Source,
 * DetailType, Detail, Time). Details carry ids and the changed facts, never personal data beyond what
 * a consumer needs (each service's README, "Domain events").
 */
export interface DomainEvent {
  readonly source: string;
  readonly detailType: string;
  readonly detail: Record<string, unknown>;
  readonly time: Date;
}

/** Publishes events to the bus; resolves once every event was accepted, rejects naming how many were not. */
export interface EventPublisher {
  publish(events: DomainEvent[]): Promise<void>;
}
