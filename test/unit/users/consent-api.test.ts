import { consentApiSuite } from "../../suites/users/consent-api.suite.ts";
import { consentQueriesSuite } from "../../suites/users/consent-queries.suite.ts";

consentApiSuite("the embedded store");
consentQueriesSuite("the embedded store");
