import { a } from "./index";
import { test, expect } from "vitest";

test("a", () => expect(a).toBe(1));
