import type { CustomerRepository } from "../../ports/customer.repository.ts";
import type { PaymentGateway } from "../../ports/payment-gateway.port.ts";
import type { PaymentMethodRepository } from "../../ports/payment-method.repository.ts";

export interface MethodDeps {
  readonly methods: PaymentMethodRepository;
  readonly customers: CustomerRepository;
  readonly gateway: PaymentGateway;
}
