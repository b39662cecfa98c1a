import { consentApiSuite } from "../../support/consent-api.suite.ts";
import { consentQueriesSuite } from "../../support/consent-queries.suite.ts";

consentApiSuite("the embedded store");
consentQueriesSuite("the embedded store");
