import { x } from "../main";
import { test, expect } from "vitest";

test("x", () => expect(x).toBe(1));
