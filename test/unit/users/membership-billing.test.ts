import { membershipBillingSuite } from "../../suites/users/membership-billing.suite.ts";

membershipBillingSuite("the embedded store");
