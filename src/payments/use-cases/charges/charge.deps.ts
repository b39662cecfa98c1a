import type { ChargeRepository } from "../../ports/charge.repository.ts";
import type { CustomerRepository } from "../../ports/customer.repository.ts";
import type { PaymentGateway } from "../../ports/payment-gateway.port.ts";
import type { PaymentMethodRepository } from "../../ports/payment-method.repository.ts";
import type { RecordDeps } from "./payment-records.ts";

/** What charging runs on: the store's charges, methods and customers, the gateway, clock and ids. */
export interface ChargeDeps extends RecordDeps {
  readonly charges: ChargeRepository;
  readonly methods: PaymentMethodRepository;
  readonly customers: CustomerRepository;
  readonly gateway: PaymentGateway;
}
