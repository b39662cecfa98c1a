import { userMlaSuite } from "../../support/user-mla.suite.ts";

userMlaSuite("the embedded store");
