import { membershipBillingSuite } from "../../support/membership-billing.suite.ts";

membershipBillingSuite("the embedded store");
