import { b } from "./index";
import { test, expect } from "vitest";

test("b", () => expect(b).toBe(1));
