import { test } from "@playwright/test";
test("home", async () => {});
