import { pageCursorsSuite } from "../../suites/users/page-cursors.suite.ts";

pageCursorsSuite("the embedded store");
