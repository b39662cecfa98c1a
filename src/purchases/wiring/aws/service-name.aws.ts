/** The service's name in its logs and resources (`{stage}-purchase-service-<function>`). */
export const PURCHASE_SERVICE = "purchase-service";
