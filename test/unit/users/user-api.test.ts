import { userApiSuite } from "../../support/user-api.suite.ts";

userApiSuite("the embedded store");
