import { userProfileSuite } from "../../support/user-profile.suite.ts";

userProfileSuite("the embedded store");
