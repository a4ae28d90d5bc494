import { test } from "vitest";
test("ok", () => {});
