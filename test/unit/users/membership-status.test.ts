import { membershipStatusSuite } from "../../support/membership-status.suite.ts";

membershipStatusSuite("the embedded store");
