import { userProfileSuite } from "../../suites/users/user-profile.suite.ts";

userProfileSuite("the embedded store");
